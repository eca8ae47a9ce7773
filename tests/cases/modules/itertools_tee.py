# tee: independent iterators over one input, buffering what only some have read.
import itertools as it
a, b = it.tee([1, 2, 3])
print(type(a), it.tee, it.tee.__module__)
print(next(a), next(a), next(b), list(a), list(b))
print(it.tee([], 0), len(it.tee([1], 5)))
for bad in [lambda: it.tee([1], -1), lambda: it.tee(1), lambda: it.tee([1], n=2), lambda: it.tee(), lambda: it.tee([1], 2, 3), lambda: it.tee([1], 'a')]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
x, = it.tee([1, 2], 1); c = x.__copy__(); print(next(x), list(c), list(x))
a, b = it.tee(iter([1, 2, 3])); print(list(type(a)(range(3))))
t = it.tee(a, 2); print(t[0] is a, type(t[1]), next(t[1]), next(a), list(b))
g = (i * i for i in range(1000))
p, q = it.tee(g, 2)
print(sum(p), sum(q))
ev, od = it.tee(range(200))
print(sum(x for x in ev if x % 2 == 0), sum(x for x in od if x % 2))
def pairwise2(iterable):
    a, b = it.tee(iterable)
    next(b, None)
    return zip(a, b)
print(list(pairwise2('abcde')))
m = it.tee(range(300), 3)
print([next(m[0]) for _ in range(130)][-1], list(m[1])[-1], next(m[2]), list(m[0])[:3])
