a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, 0), {*a}, [*"hi", *range(2)])
d1 = {"x": 1}
d2 = {"y": 2, "x": 0}
print({**d1, **d2}, {**d2, **d1}, {**d1, "z": 3})
def f(*args, **kw):
    return args, kw
print(f(*a, *b, **d1, **{"w": 9}))
print(*[1, 2], sep="+")
s = {*range(3), 5}
print(sorted(s))
