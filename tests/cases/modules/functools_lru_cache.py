# functools.lru_cache and cache: recursion through the cache (frames, not C++
# recursion), keys (f(3) and f(3.0) apart, keywords apart), LRU eviction,
# typed=True, methods, cache_info/cache_clear/cache_parameters, errors.
from functools import lru_cache, cache
import functools
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(300), fib.cache_info()[:2], fib.__name__, fib.__wrapped__(10))
@cache
def ways(n, coins=(1, 2, 5)):
    if n == 0:
        return 1
    if n < 0 or not coins:
        return 0
    return ways(n - coins[0], coins) + ways(n, coins[1:])
print(ways(100), ways.cache_info()[3] > 0)
@lru_cache
def sq(x):
    print("computing", x)
    return x * x
print(sq(3), sq(3), sq(x=3), sq(3.0), sq.cache_info())
@lru_cache(maxsize=2)
def ident(x):
    print("miss", x)
    return x
for v in [1, 2, 1, 3, 2, 1]:
    ident(v)
print(ident.cache_info(), ident.cache_parameters())
ident.cache_clear()
print(ident.cache_info())
@lru_cache(typed=True)
def t(x):
    return type(x).__name__
print(t(1), t(1.0), t.cache_info()[1])
class Grid:
    def __init__(self, w):
        self.w = w
    @lru_cache(maxsize=None)
    def paths(self, r, c):
        if r == 0 or c == 0:
            return 1
        return self.paths(r - 1, c) + self.paths(r, c - 1)
g = Grid(3)
print(g.paths(10, 10), Grid.paths.cache_info()[1])
try:
    sq([1])
except TypeError as e:
    print("TypeError:", e)
try:
    lru_cache("x")
except TypeError as e:
    print("TypeError:", e)
print(type(fib).__name__, callable(fib), repr(fib)[:39])
deep = lru_cache(maxsize=None)(lambda n: 0 if n == 0 else 1 + deep(n - 1))
print(deep(300))
print(lru_cache(maxsize=0)(abs)(-3), cache(len)("abc"))
