# __slots__: instances hold only the listed attributes and have no __dict__, unless a base (or '__dict__' in the slots) gives them one.
class P:
    __slots__ = ('x', 'y')
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x)
try:
    p.y
except AttributeError as e: print('AE1', e)
try:
    p.z = 3
except AttributeError as e: print('AE2', e)
try:
    p.__dict__
except AttributeError as e: print('AE3', e)
try:
    vars(p)
except TypeError as e: print('TE', e)
p.y = 2
del p.y
try:
    del p.y
except AttributeError as e: print('AE4', e)
print(P.__slots__, hasattr(p, 'y'), hasattr(p, 'x'))
class Q(P):
    pass
q = Q(1)
q.z = 5
print(q.z, q.__dict__['z'])
class R(P):
    __slots__ = ['w']
r = R(2)
r.w = 1
try:
    r.v = 1
except AttributeError as e: print('AE5', e)
class S:
    __slots__ = 'only'
s = S()
s.only = 1
try:
    s.other = 1
except AttributeError as e: print('AE6', e)
class D:
    __slots__ = ('a', '__dict__')
d = D()
d.a = 1; d.b = 2
print(d.__dict__['b'], d.a)
try:
    class C:
        __slots__ = ('x',)
        x = 1
except ValueError as e: print('VE', e)
try:
    class C2:
        __slots__ = (1,)
except TypeError as e: print('TE2', e)
try:
    object.__setattr__(p, 'nope', 1)
except AttributeError as e: print('AE7', e)
try:
    setattr(p, 'nope', 1)
except AttributeError as e: print('AE8', e)
class WithSet:
    __slots__ = ('a',)
    def __setattr__(self, k, v):
        print('set', k)
        super().__setattr__(k, v)
w = WithSet()
w.a = 1
try:
    w.b = 2
except AttributeError as e: print('AE9', e)
print(w.a)
