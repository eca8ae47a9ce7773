def f(*args, **kwargs):
    return args, kwargs
print(f())
print(f(1, 2, a=3))
print(f(*[1, 2], *(3,), **{"x": 1}, y=2))
def g(a, b=2, *rest, c, d=4, **kw):
    print(a, b, rest, c, d, kw)
g(1, c=3)
g(1, 5, 6, 7, c=3, e=9)
args = (10, 20)
kw = {"c": 30, "z": 0}
g(*args, **kw)
