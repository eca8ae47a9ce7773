# What a __hash__ method returns becomes hash(obj) as in CPython: an int that
# fits unchanged (-1 is -2), a bigger one reduced like hash(int), a bool as int.
class A:
    def __hash__(self):
        return -1
class B:
    def __hash__(self):
        return 2**62
class C:
    def __hash__(self):
        return 2**70
class D:
    def __hash__(self):
        return True
class E:
    def __init__(self, name):
        self.name = name
    def __hash__(self):
        return hash(self.name)
print(hash(A()), hash(B()), hash(C()), hash(D()), hash(E('x')) == hash('x'))
try:
    class F:
        def __hash__(self):
            return 1.5
    hash(F())
except TypeError as e:
    print(e)
