class A:
    __slots__ = ()
a = A()
a.x = 1
