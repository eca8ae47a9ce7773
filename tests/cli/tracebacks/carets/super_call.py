class A:
    def m(self):
        raise ValueError
class B(A):
    def m(self):
        return super().m()
B().m()
