l = [1, 'two', 3.0, None, True, (4,), [5, [6, []]], {7: (8, 9)}, {10}, frozenset({11}), range(3), slice(2)]
print(l)
print(repr(()), repr((1,)), repr((1, 2)), repr(((),)), repr([()]), repr({(): []}))
a = [1]; a.append(a); print(a)
b = [a, a]; print(b)
d = {'k': 1}; d['me'] = d; d['list'] = [d]; print(d)
t = ([],); t[0].append(t); print(t)
s = {'x': {1: {2: {3: 'deep'}}}}; print(s)
class R:
    def __repr__(self):
        return 'R!'
print([R(), (R(),), {R(): R()}], {R()})
print(str([1, 'a']), str(('a',)), str({'a': 'b'}), f"{[1, 'x']!s} {('y',)!r}")
print({1: 'x'}.keys(), {1: 'x'}.values(), {1: 'x'}.items(), {}.values())
nested = []
cur = nested
for _ in range(50):
    nxt = []
    cur.append(nxt)
    cur = nxt
print(nested)
print([[1, 2], [3, 4]] == [[1, 2], [3, 4]], ((1, (2, (3,))),) == ((1, (2, (3,))),), [[1, 2]] == [[1, 3]])
