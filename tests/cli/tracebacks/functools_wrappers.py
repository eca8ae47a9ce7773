# An error inside a cached function reached through a partial: neither
# wrapper adds a frame (both are C in CPython).
from functools import lru_cache, partial


@lru_cache(maxsize=None)
def ratio(a, b):
    return a / b


half = partial(ratio, b=2)
print(half(10), ratio.cache_info())
zero = partial(ratio, b=0)
print(zero(1))
