class Box:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        print("iadd")
        self.v += o
        return self
    def __add__(self, o):
        print("add")
        return Box(self.v + o)
    def __imul__(self, o):
        self.v *= o
        return self
class Plain:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        print("plain add")
        return Plain(self.v + o)
b = Box(1)
orig = b
b += 5
print(b.v, b is orig)
b *= 3
print(b.v)
p = Plain(1)
porig = p
p += 1
print(p.v, p is porig)
