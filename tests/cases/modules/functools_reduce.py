# functools.reduce: with and without an initial value, generators, CPython's errors; garbage is collected while it runs.
import functools
from functools import reduce
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(lambda acc, w: acc + [len(w)], ['ab', 'cde'], []), functools.reduce(max, [3, 9, 2]))
print(reduce(lambda a, b: a + b, (x * x for x in range(10))), reduce(lambda a, b: b, 'xyz'))
print(reduce(lambda a, b: {**a, b: len(b)}, ['k', 'kk'], {}))
print(reduce(lambda a, b: a + b, [], 'init'), reduce(lambda a, b: a, [7]))
for f in [lambda: reduce(lambda a, b: a + b, []), lambda: reduce(1, [1, 2]), lambda: reduce(lambda a, b: a, 5),
          lambda: reduce(), lambda: reduce(lambda a, b: a, [1], 2, 3), lambda: reduce(lambda a, b: a + b, [1, 2], initial=5),
          lambda: reduce(lambda a, b: a / b, [1, 0])]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(reduce.__name__, reduce)
total = reduce(lambda acc, i: acc + len(str(i) * 50), range(200000), 0)
print(total)
