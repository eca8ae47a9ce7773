# count, cycle and repeat: values, reprs, and use beside finite iterables.
from itertools import count, cycle, repeat, islice

print(list(zip("abc", count())))
print(list(zip("abc", count(10, 5))))
print(list(islice(count(1.5, 0.25), 4)))
print(list(islice(count(-3, -2), 4)))
print(list(islice(count(2**63 - 2), 4)))  # crosses into big ints
c = count(7)
print(c, next(c), next(c), c)
print(count(1, 2), count(2.5), count(0, 0.5), count(1, 1.0))
print(count(True), count(True, 2), list(islice(count(True, 2), 3)))
print(list(islice(count(True), 3)))
print(count(start=3, step=-1))

print(list(islice(cycle("abc"), 7)))
print(list(cycle([])))
cy = cycle(x * x for x in range(3))
print([next(cy) for _ in range(8)])
print(list(islice(cycle(range(2)), 5)))

print(list(repeat("x", 3)), list(repeat("x", 0)), list(repeat("x", -2)))
r = repeat([1, 2], 2)
print(r, next(r), r, next(r), r, list(r))
print(repeat(None), repeat("s", times=4))
print(list(map(pow, range(5), repeat(2))))
print(sum(islice(repeat(3), 100)))
shared = repeat([], 2)
a, b = shared
a.append(1)
print(a is b, b)
