# The copy module: shallow and deep copies of containers, instances, builtin
# subclasses, named tuples, dataclasses, enums, cycles and shared references,
# the memo, and the __copy__/__deepcopy__/__getstate__/__setstate__ hooks.
import copy
from collections import deque, OrderedDict, defaultdict, Counter, namedtuple
from dataclasses import dataclass, field
from enum import Enum
import re
import datetime

a = [1, [2, 3], {'k': [4]}]
b = copy.copy(a)
c = copy.deepcopy(a)
a[1].append(99)
a[2]['k'].append(5)
print(a, b, c, b[1] is a[1], c[1] is a[1])
t = (1, 2, (3, 4))
print(copy.copy(t) is t, copy.deepcopy(t) is t)
t2 = (1, [2])
d2 = copy.deepcopy(t2)
print(d2, d2 is t2, d2[1] is t2[1])
shared = [0]
s = [shared, shared]
ds = copy.deepcopy(s)
print(ds[0] is ds[1], ds[0] is shared)
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is cyc)
tc = ([],)
tc[0].append(tc)
dtc = copy.deepcopy(tc)
print(dtc[0][0] is dtc, dtc is tc)
print(copy.copy({1, 2}), copy.deepcopy(frozenset({1, 2})), copy.copy(bytearray(b'ab')), copy.deepcopy({'a': {1: 2}}))
print(copy.copy('s') == 's', copy.deepcopy(5), copy.deepcopy(None), copy.deepcopy(len) is len)

class P:
    def __init__(self, x, tags):
        self.x = x
        self.tags = tags
    def __repr__(self):
        return f"P({self.x}, {self.tags})"
p = P(1, ['a'])
p2 = copy.copy(p)
p3 = copy.deepcopy(p)
p.tags.append('b')
print(p, p2, p3, p2.tags is p.tags, p3.tags is p.tags, type(p3).__name__)

class WithHooks:
    def __init__(self, v):
        self.v = v
    def __copy__(self):
        print('copy hook')
        return WithHooks(self.v + [1])
    def __deepcopy__(self, memo):
        print('deepcopy hook', type(memo).__name__)
        return WithHooks(copy.deepcopy(self.v, memo))
w = WithHooks([1])
print(copy.copy(w).v, copy.deepcopy(w).v)

class State:
    def __init__(self):
        self.a = 1
        self.cache = 'big'
    def __getstate__(self):
        s = dict(self.__dict__)
        del s['cache']
        return s
    def __setstate__(self, s):
        self.__dict__.update(s)
        self.cache = None
st = copy.deepcopy(State())
print(st.a, st.cache)

@dataclass
class Item:
    name: str
    tags: list = field(default_factory=list)
it = Item('x', ['t'])
it2 = copy.deepcopy(it)
it2.tags.append('u')
print(it, it2, it == copy.copy(it))

class Color(Enum):
    RED = 1
print(copy.copy(Color.RED) is Color.RED, copy.deepcopy([Color.RED])[0] is Color.RED)
dq = deque([[1], [2]], maxlen=5)
dq2 = copy.deepcopy(dq)
dq[0].append(9)
print(dq, dq2, copy.copy(dq), dq2.maxlen)
od = OrderedDict(a=[1])
print(copy.deepcopy(od), copy.copy(defaultdict(list, a=[1])), copy.deepcopy(Counter('aab')))
Pt = namedtuple('Pt', 'x y')
pt = Pt([1], 2)
pt2 = copy.deepcopy(pt)
print(pt2, pt2.x is pt.x, type(pt2).__name__, copy.copy(pt) is pt)
pat = re.compile('a+')
print(copy.deepcopy(pat) is pat, copy.copy(pat) is pat)
d = datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc)
print(copy.deepcopy(d), copy.deepcopy(d) == d, copy.copy(datetime.timedelta(1)))
class L(list):
    pass
l = L([[1]])
l.extra = 'e'
l2 = copy.deepcopy(l)
l[0].append(2)
print(l2, type(l2).__name__, l2.extra, copy.copy(l), type(copy.copy(l)).__name__)
class D(dict):
    pass
print(copy.deepcopy(D(a=[1])), type(copy.deepcopy(D())).__name__)
e = ValueError('bad', [1])
e2 = copy.deepcopy(e)
print(repr(e2), e2.args[1] is e.args[1], type(e2).__name__)
memo = {}
x = [1]
y = copy.deepcopy([x, x], memo)
print(len(memo) > 0, id(x) in memo, memo[id(x)] == [1])
class Node:
    def __init__(self):
        self.children = []
        self.parent = None
root = Node()
child = Node()
child.parent = root
root.children.append(child)
r2 = copy.deepcopy(root)
print(r2.children[0].parent is r2, r2 is not root)
m = copy.deepcopy(p.__repr__)
print(m(), m.__self__ is not p)
def gen():
    yield 1
for f in (copy.copy, copy.deepcopy):
    try:
        f(gen())
    except TypeError as ex:
        print('TypeError', ex)
try:
    copy.copy()
except TypeError as ex:
    print('TypeError', ex)
try:
    copy.deepcopy(1, 2, 3, 4)
except TypeError as ex:
    print('TypeError', ex)
