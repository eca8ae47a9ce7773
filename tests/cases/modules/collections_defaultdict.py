from collections import defaultdict, Counter, OrderedDict, namedtuple
d = defaultdict(list)
d['a'].append(1)
d['b'].append(2)
d['a'].append(3)
print(d)
print(dict(d), len(d), 'a' in d, 'z' in d)
print(d['z'], d)
print(type(d), type(d).__name__, isinstance(d, dict))
c = defaultdict(int)
for w in "the cat the dog the end".split():
    c[w] += 1
print(c, c.default_factory)
e = defaultdict()
print(e, e.default_factory)
try:
    e['x']
except KeyError as ex:
    print('KeyError', ex)
f = defaultdict(lambda: 'n/a', {'k': 1}, z=2)
print(f['k'], f['q'], sorted(f.items()))
g = f.copy()
print(type(g).__name__, g == f)
try:
    defaultdict(5)
except TypeError as ex:
    print(ex)
nested = defaultdict(lambda: defaultdict(int))
nested['x']['y'] += 2
print(nested['x']['y'], dict(nested['x']))
print(repr(defaultdict(set)))
class MyDD(defaultdict):
    pass
m = MyDD(list)
m[1].append(2)
print(m)
d.default_factory = None
try:
    d['missing']
except KeyError as ex:
    print('KeyError', ex)
print(d.get('nope'), d.setdefault('s', 5), d.pop('s'))
