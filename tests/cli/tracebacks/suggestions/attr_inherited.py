class A:
    def compute(self): pass
class B(A):
    pass
B().compte()
