# The order in which itertools call their inputs: nothing is read before it
# is needed, and callables run once per item, as in CPython.
from itertools import (accumulate, chain, compress, dropwhile, filterfalse, groupby, islice,
                       pairwise, starmap, takewhile, zip_longest, cycle, product)

log = []

def src(name, items):
    for x in items:
        log.append(name + ":" + str(x))
        yield x

def pred(x):
    log.append("pred:" + str(x))
    return x < 3

def flush(label, value):
    print(label, value, log)
    log.clear()

flush("dropwhile", list(dropwhile(pred, src("s", [1, 2, 3, 1]))))
flush("takewhile", list(takewhile(pred, src("s", [1, 2, 3, 1]))))
flush("filterfalse", list(filterfalse(pred, src("s", [1, 5, 2, 7]))))
c = chain(src("a", [1, 2]), src("b", [3]))
flush("chain first", next(c))
flush("chain rest", list(c))
flush("compress", list(compress(src("d", "abc"), src("s", [0, 1]))))
flush("islice", list(islice(src("s", range(10)), 2, 6, 2)))
flush("pairwise", list(pairwise(src("s", [1, 2, 3]))))
flush("zip_longest", list(zip_longest(src("a", [1, 2]), src("b", [3]))))
flush("accumulate", list(accumulate(src("s", [1, 2, 3]), lambda a, b: (log.append("f") or a + b))))
flush("starmap", list(starmap(lambda a, b: a * b, src("s", [(1, 2), (3, 4)]))))
flush("groupby", [(k, list(g)) for k, g in groupby(src("s", "aab"), key=lambda ch: (log.append("key") or ch))])
cy = cycle(src("s", [1, 2]))
flush("cycle", [next(cy) for _ in range(5)])
flush("product", list(product(src("a", [1, 2]), src("b", "xy"))))

# Exceptions inside a callable leave the iterator usable where CPython's is.
def boom(x):
    if x == 2:
        raise ValueError("two")
    return True

t = takewhile(boom, [1, 2, 3])
print(next(t))
try:
    next(t)
except ValueError as e:
    print("ValueError", e)
print(list(t))

# An islice over an infinite generator stops without reading further.
def naturals():
    n = 0
    while True:
        log.append(n)
        yield n
        n += 1

print(list(islice(naturals(), 3)), log)
log.clear()

# A groupby over unsorted data and a key that returns equal-but-different objects.
print([(k, list(g)) for k, g in groupby([1, 1.0, True, 2, 2.0], key=lambda v: v)])
