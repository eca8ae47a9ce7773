class A: pass
a = A()
a.b = A()
y = a.b.c.d
