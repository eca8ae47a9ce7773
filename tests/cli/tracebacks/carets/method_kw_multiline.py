class A:
    def m(self, x):
        raise ValueError
a = A()
y = (a
  .m(x=1))
