# StopIteration raised by map's function or filter's predicate ends the map
# or filter, and a for loop or list() over it, as in CPython.
def f(x):
    if x == 2:
        raise StopIteration
    return x * 10


for y in map(f, [1, 2, 3]):
    print("for", y)
print("list", list(map(f, [1, 2, 3])))
m = map(f, [2, 3])
print("next", next(m, "exhausted"), list(m))


def keep(x):
    if x > 2:
        raise StopIteration("enough")
    return x % 2


print("filter", list(filter(keep, [1, 2, 3, 4])))
print("sum", sum(map(f, [1, 1, 2, 5])))


def other(x):
    raise ValueError(x)


try:
    list(map(other, [7]))
except ValueError as e:
    print("ValueError still propagates:", e)
