def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

d = {1: 'a', 2: 'b', 3: 'c'}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, len(k), len(v), len(it))
print(1 in k, 5 in k, 'a' in v, 'z' in v, (1, 'a') in it, (1, 'b') in it, 1 in it, (1,) in it)
print(k & {2, 3, 4}, k | {9}, k - {1}, k ^ {1, 9}, k & [3, 1], [1, 2, 7] & k, [7, 1] - k, {4} | k)
print(it & {(1, 'a')}, it - {(1, 'a')}, it | [(4, 'd')])
print(k == {1, 2, 3}, k.isdisjoint([4, 5]), k.isdisjoint({1}), it.isdisjoint([(1, 'x')]))
show(lambda: k | 1)
show(lambda: k & 1)
show(lambda: v | {1})
show(lambda: {1: []}.items() | set())
d[4] = 'd'
print(k, v, it)
del d[1]
print(list(k), list(v), list(it))
print({}.keys(), {}.items())
print(sorted(k), sorted({'b': 1, 'a': 2}.items()))
