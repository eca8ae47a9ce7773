class A:
    def m(self, x):
        raise KeyError(x)
a = A()
y = (a
     .m(1))
