class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, extra=0):
        return x * self.k + extra
triple = Multiplier(3)
print(triple(5), triple(5, extra=1), callable(triple), list(map(triple, [1, 2])))
class Acc:
    def __init__(self):
        self.total = 0
    def __call__(self, v):
        self.total += v
        return self
a = Acc()
a(1)(2)(3)
print(a.total)
