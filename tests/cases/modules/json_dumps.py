# json.dumps: types, escaping, indent/separators/sort_keys/skipkeys/default, subclasses, errors, cycles.
import json
print(json.dumps({'a': [1, 2.5, None, True, False], 'b': {'c': 'd'}}))
print(json.dumps([1, 'é', '\n\t"\\', '\x00\x1f\x7f', '😀']))
print(json.dumps(['é😀\x7f'], ensure_ascii=False))
print(json.dumps({'z': 1, 'a': {'y': 2, 'b': [3, {'x': 4}]}}, indent=2, sort_keys=True))
print(json.dumps([1, [2, []], {}], indent=4))
print(json.dumps({'a': 1}, indent='\t'))
print(json.dumps([1, 2], indent=0))
print(json.dumps({'a': 1, 'b': 2}, separators=(',', ':')))
print(json.dumps({1: 'int', 2.5: 'float', True: 't', None: 'n', False: 'f'}))
print(json.dumps([float('nan'), float('inf'), -float('inf'), 1e20, 1.0, -0.0, 10**30]))
print(json.dumps((1, 2)), json.dumps('x'), json.dumps(None), json.dumps(3))
print(json.dumps({(1, 2): 3, 'ok': 1}, skipkeys=True))
print(json.dumps({'a': 1, 'b': 2}, indent=2, skipkeys=True))
class P:
    def __init__(self, x): self.x = x
print(json.dumps({'p': P(3)}, default=lambda o: o.__dict__))
print(json.dumps([P(1), P(2)], default=lambda o: {'x': o.x}, indent=1))
class L(list): pass
class D(dict): pass
class I(int): pass
class S(str): pass
print(json.dumps([L([1, 2]), D(a=1), I(5), S('s')]))
for bad in [lambda: json.dumps(float('nan'), allow_nan=False), lambda: json.dumps({(1, 2): 1}),
            lambda: json.dumps(object()), lambda: json.dumps({1: 1, 'a': 2}, sort_keys=True),
            lambda: json.dumps(1, 2), lambda: json.dumps([1], foo=1), lambda: json.dumps({1.5: float('inf')}, allow_nan=False)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
a = []
a.append(a)
try:
    json.dumps(a)
except ValueError as e:
    print('VE', e)
d = {}
d['self'] = d
try:
    json.dumps(d)
except ValueError as e:
    print('VE', e)
x = [1]
print(json.dumps([x, x, {'k': x}]))
deep = []
for _ in range(5000):
    deep = [deep]
try:
    json.dumps(deep)
except RecursionError as e:
    print('RecursionError', e)
try:
    json.dumps(a, check_circular=False)
except RecursionError as e:
    print('RecursionError', e)
print(json.dumps({'nested': {'list': [1, {'deep': [True]}]}}, indent=3, separators=(', ', ' = ')))
