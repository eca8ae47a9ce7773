class P:
    def __init__(self):
        self.name = "a"
p = P()
print(p.nme)
