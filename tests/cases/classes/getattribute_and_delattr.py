# A class's __getattribute__ sees every attribute load (object.__getattribute__ and super() bypass it; AttributeError falls back to __getattr__); __delattr__ sees every del.
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, '_target', target)
        object.__setattr__(self, 'log', [])
    def __getattribute__(self, name):
        if name in ('_target', 'log'):
            return object.__getattribute__(self, name)
        object.__getattribute__(self, 'log').append(name)
        return getattr(object.__getattribute__(self, '_target'), name)
    def __setattr__(self, name, value):
        setattr(self._target, name, value)
    def __delattr__(self, name):
        print('deleting', name)
        delattr(self._target, name)

class T:
    def __init__(self):
        self.x = 1
    def hello(self, who):
        return 'hello ' + who

t = T()
p = Proxy(t)
print(p.x, p.hello('bob'), p.log)
p.y = 5
print(t.y, p.y)
del p.y
print(hasattr(t, 'y'), hasattr(p, 'y'), getattr(p, 'zz', 'dflt'))
try:
    p.missing
except AttributeError as e:
    print('AE', e)

class Fallback:
    def __getattribute__(self, name):
        if name.startswith('secret'):
            raise AttributeError('no secrets: ' + name)
        return super().__getattribute__(name)
    def __getattr__(self, name):
        return 'fallback for ' + name
    def method(self):
        return 'm'
f = Fallback()
f.a = 1
print(f.a, f.secret_x, f.method(), f.other)

class Loud:
    def __getattribute__(self, name):
        if name == 'boom':
            raise KeyError(name)
        return 42
l = Loud()
print(l.anything, l.__class__, hasattr(l, 'q'))
try:
    l.boom
except KeyError as e:
    print('KE', e)
try:
    hasattr(l, 'boom')
except KeyError as e:
    print('KE2', e)

class Counting:
    count = 0
    def __getattribute__(self, name):
        type(self).count += 1
        return object.__getattribute__(self, name)
c = Counting()
c.v = 3
for _ in range(5):
    c.v
print(Counting.count, c.v, Counting.count)
try:
    object.__getattribute__(c, 5)
except TypeError as e:
    print('TE', e)
class D:
    def __delattr__(self, name):
        print('refuse', name)
d = D()
d.q = 1
del d.q
print(d.q)
delattr(d, 'q')
class E:
    pass
e = E()
try:
    del e.nothing
except AttributeError as ex:
    print('AE', ex)
