from collections import OrderedDict
od = OrderedDict()
od['b'] = 1
od['a'] = 2
od['c'] = 3
print(od)
od.move_to_end('b')
print(list(od))
od.move_to_end('c', last=False)
print(list(od.items()))
print(od.popitem(), od.popitem(last=False), od)
try:
    od.move_to_end('zz')
except KeyError as ex:
    print('KeyError', ex)
print(OrderedDict(), OrderedDict([(1, 2), (3, 4)]), OrderedDict(x=1))
a = OrderedDict([(1, 1), (2, 2)])
b = OrderedDict([(2, 2), (1, 1)])
print(a == b, a == dict(b), dict(a) == b, a != b)
e = OrderedDict()
try:
    e.popitem()
except KeyError as ex:
    print('KeyError', ex)
print(type(a.copy()).__name__, a.copy() == a, isinstance(a, dict))
print(OrderedDict.fromkeys('abc', 0))
