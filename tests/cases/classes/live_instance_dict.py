# obj.__dict__ and vars(obj) are the live namespace: writes through either side show on the other.
class A:
    def __init__(self, **kw):
        self.__dict__.update(kw)
        self.z = 0
a = A(x=1, y=2)
print(a.x, a.y, a.__dict__, vars(a) is a.__dict__)
d = vars(a)
d['w'] = 5
print(a.w)
del d['x']
print(hasattr(a, 'x'))
a.q = 9
print(d)
a.__dict__ = {'k': 1}
print(a.k, hasattr(a, 'q'), vars(a))
try:
    del a.__dict__
except Exception as e: print(type(e).__name__, e)
print(a.__dict__)
try:
    a.__dict__ = 5
except Exception as e: print(type(e).__name__, e)
try:
    vars(5)
except Exception as e: print(type(e).__name__, e)
try:
    vars(1, 2)
except Exception as e: print(type(e).__name__, e)
try:
    (5).__dict__
except Exception as e: print(type(e).__name__, e)
try:
    object().__dict__
except Exception as e: print(type(e).__name__, e)
a.__dict__[1] = 2
print(a.__dict__)
a.m = 3
print(a.m, a.__dict__)
def f(): pass
f.x = 1
print(vars(f), f.__dict__, vars(f) is f.__dict__)
class B:
    def __init__(self):
        self.items = {}
    def __setattr__(self, k, v):
        print('set', k)
        object.__setattr__(self, k, v)
b = B()
b.__dict__['raw'] = 1
print(b.raw, vars(b))
object.__setattr__(b, '__dict__', {'n': 1})
print(vars(b))
e = ValueError('x')
e.note = 1
print(vars(e))
for k, v in vars(A(p=1, r=2)).items(): print(k, v)
class C:
    x = 1
print(sorted(k for k in vars(C) if not k.startswith('__')))
