d = {}
d[1] = "one"
d[1.0] = "float-one"
d[True] = "true"
print(d)
d[(1, 2)] = "tuple"
d[None] = "none"
d[frozenset([1])] = "fs"
print(len(d), d[None], d[(1, 2)], d[frozenset({1})])
try:
    d[[1]] = 0
except TypeError as e:
    print("TypeError:", e)
try:
    d[{}] = 0
except TypeError as e:
    print("TypeError:", e)
