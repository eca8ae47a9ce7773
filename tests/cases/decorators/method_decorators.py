def logged(fn):
    def w(self, *a):
        r = fn(self, *a)
        print(f"{fn.__name__}{a} -> {r}")
        return r
    return w
class Calc:
    def __init__(self, base):
        self.base = base
    @logged
    def add(self, x):
        return self.base + x
c = Calc(10)
c.add(5)
c.add(-3)
