# functools.partial: stored arguments first, keywords merged (the call's win),
# partials of partials flattened, attributes, repr, errors, and a partial
# called by builtins (map, sorted's key), of a bound method, of a type.
from functools import partial
import functools
def power(base, exp, *, mod=None):
    r = base ** exp
    return r % mod if mod else r
square = partial(power, exp=2)
cube = partial(power, exp=3)
print(square(4), cube(2), square(5, mod=7), square(3, exp=3))
p = partial(power, 2)
print(p(10), p(exp=5), partial(p, 3)(), repr(partial(abs, 3, k=[1])))
print(type(p), type(p).__name__, isinstance(p, partial), callable(p), p.func is power, p.args, p.keywords)
print(repr(partial(power, 2, mod=5)).split(" at ")[0])
print(list(map(partial(power, exp=2), range(5))), sorted([3, 1, 2], key=partial(power, exp=-1)))
class A:
    def m(self, x, y):
        return (self.__class__.__name__, x, y)
a = A()
pm = partial(a.m, 1)
print(pm(2), partial(A.m, a)(3, 4))
ints = partial(int, base=2)
print(ints("101"), partial(max, key=len)(["aa", "b"]), partial(dict, a=1)(b=2))
nested = partial(partial(power, 2), 5)
print(nested.func is power, nested.args, nested())
for bad in [lambda: partial(), lambda: partial(5), lambda: square(), lambda: square(1, 2)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
p2 = partial(power, 2)
p2.keywords["exp"] = 3
print(p2())
print(partial(power, 2) == partial(power, 2), hash(p2) == hash(p2))
p3 = partial(print, "x")
p3.keywords[1] = 2
try:
    p3()
except TypeError as e:
    print("TypeError:", e)
# A partial of a function that calls itself through the partial (no native
# recursion: each call is a frame).
def countdown(n, step):
    return 0 if n <= 0 else 1 + again(n - step)
again = partial(countdown, step=1)
print(again(200))
