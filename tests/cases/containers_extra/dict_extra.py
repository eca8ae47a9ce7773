def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

d = {'a': 1, 'b': 2}
d['c'] = 3; d[1] = 'one'; d[1.0] = 'float one'; d[True] = 'true'
print(d, len(d))
print(d.get('a'), d.get('z'), d.get('z', 0), d.pop('a'), d.pop('z', None), d)
print(d.setdefault('b', 9), d.setdefault('n', []), d)
d.update({'x': 1}, y=2); d.update([('p', 0), ['q', 1], 'rs']); d.update(k=3); print(d)
print(d.popitem(), d.popitem(), d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
e = d.copy(); e.clear(); print(d == e, e, d != e)
print(dict.fromkeys('abc'), dict.fromkeys([1, 2], 0), {}.fromkeys(range(3), 'x'), dict.fromkeys({1: 2}), dict.fromkeys({5, 6}))
print(dict(), dict(a=1), dict([(1, 2)], b=3), dict({1: 2}), dict(zip('ab', range(2))), dict(d))
show(lambda: dict([1]))
show(lambda: dict([(1, 2, 3)]))
show(lambda: dict([[1, 2], 'ab', 3]))
show(lambda: dict(['abc']))
show(lambda: dict(1))
show(lambda: dict(1, 2))
show(lambda: {}[1])
show(lambda: {}['k'])
show(lambda: {}[(1, 2)])
show(lambda: {}.pop(1))
show(lambda: {}.popitem())
show(lambda: {}.get())
show(lambda: {}.get(1, 2, 3))
show(lambda: {}.get(x=1))
show(lambda: {}.pop())
show(lambda: {}.setdefault())
show(lambda: {}.update(1, 2))
show(lambda: {}.update(1))
show(lambda: {}.keys(1))
show(lambda: dict.fromkeys())
show(lambda: dict.fromkeys(1))
show(lambda: {[]: 1})
show(lambda: {}.get([]))
show(lambda: {1: 2} | {3: 4})
show(lambda: {1: 2, 3: 4} | {1: 'x'})
show(lambda: {} | [])
def ior():
    x = {1: 2}
    x |= [(3, 4)]
    x |= {5: 6}
    return x
show(ior)
print({1: 2} == {1: 2.0}, {1: 2} == {1: 3}, {1: 2, 3: 4} == {3: 4, 1: 2}, {} == {}, {1: [1]} == {1: [1]})
class Mapping:
    def keys(self):
        return ['u', 'v']
    def __getitem__(self, k):
        return k * 2
print(dict(Mapping()), {'z': 0, **{'a': 1}})
x = {}
x['self'] = x
print(x)
l = [1]; l.append(l); print(l, {'l': l})
print({(1, 2): 'tuple', frozenset({1}): 'fs', None: 0, 2.5: 1, -1: 2, 10**30: 3})
# deletion / reinsertion keep insertion order
d = {i: i for i in range(10)}
for i in range(0, 10, 2):
    del d[i]
d[0] = 'again'
print(d, list(d))
for i in range(1000):
    d[i] = i
for i in range(1000):
    if i % 3:
        del d[i]
print(len(d), list(d)[:10], sum(d))
d = {}
for i in range(100):
    d[i] = i
    del d[i]
print(d, len(d))
d = {'a': 1, 'b': 2, 'c': 3}
while True:
    try:
        k, v = d.popitem()
    except KeyError as e:
        print('KeyError', e)
        break
    print('popped', k, v)
d['z'] = 0
print(d)
