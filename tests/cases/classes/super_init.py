class Base:
    def __init__(self, a):
        self.a = a
        print("Base init", a)
class Mid(Base):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
        print("Mid init", b)
class Leaf(Mid):
    def __init__(self):
        super().__init__(1, 2)
        print("Leaf init")
x = Leaf()
print(x.a, x.b)
