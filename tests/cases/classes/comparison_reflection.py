class A:
    def __eq__(self, other):
        print("A.__eq__")
        return NotImplemented
class B:
    def __eq__(self, other):
        print("B.__eq__")
        return True
print(A() == B())
print(B() == A())
class L:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __gt__(self, other):
        print("gt used")
        return self.v > other.v
print(L(1) < L(2), L(3) > L(2))
print(sorted([L(3), L(1), L(2)], key=lambda l: l.v)[0].v)
print(L(5) < 10 if False else "skip")
