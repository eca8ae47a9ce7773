f = frozenset([3, 1, 2, 1])
print(len(f), sorted(f), 2 in f)
print(frozenset(), repr(frozenset()), frozenset([7]))
g = f | {9}
print(type(g).__name__, sorted(g))
print(type({9} | f).__name__)
d = {f: "frozen"}
print(d[frozenset({1, 2, 3})])
print(f == {1, 2, 3}, hash(f) == hash(frozenset([1, 2, 3])))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
s = {frozenset([1]), frozenset([1])}
print(len(s))
