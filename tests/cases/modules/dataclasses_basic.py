from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError, MISSING

@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2)
print(p, Point(3), Point(y=5, x=4), p == Point(1, 2), p != Point(1, 3), p == (1, 2))
print(asdict(p), astuple(p), is_dataclass(p), is_dataclass(Point), is_dataclass(5))
print([f.name for f in fields(p)], [f.type for f in fields(Point)], fields(p)[1].default)
print(replace(p, y=10), p.x, p.y)
p.x = 100
print(p)
try:
    hash(p)
except TypeError as e:
    print(e)

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tag: str = field(default='', compare=False)

vs = [Version(1, 2), Version(1, 0, 'rc'), Version(0, 9)]
print(sorted(vs), max(vs), Version(1) < Version(1, 1), Version(2) >= Version(1, 9))
print(hash(Version(1, 2)) == hash(Version(1, 2, 'x')), {Version(1): 'a'}[Version(1, 0, 'z')])
try:
    vs[0].major = 5
except FrozenInstanceError as e:
    print('frozen:', e, isinstance(e, AttributeError))
try:
    del vs[0].minor
except AttributeError as e:
    print(type(e).__name__, e)

@dataclass
class Inventory:
    name: str
    items: list = field(default_factory=list)
    counts: dict = field(default_factory=dict, repr=False)
    total: int = field(init=False, default=0)

    def __post_init__(self):
        self.total = len(self.items)

a = Inventory('a')
b = Inventory('b', [1, 2])
a.items.append('x')
print(a, b, a.items is not b.items, a.total, b.total)

@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)

tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(asdict(tree))
print(astuple(tree))

@dataclass
class Base:
    a: int
    b: str = 'b'

@dataclass
class Child(Base):
    c: float = 1.5
    a: int = 7

print(Child(), Child(1, 'x', 2.0), [f.name for f in fields(Child)])

try:
    Point()
except TypeError as e:
    print(e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print(e)
try:
    Point(1, z=3)
except TypeError as e:
    print(e)
try:
    @dataclass
    class Bad:
        x: list = []
except ValueError as e:
    print(e)
try:
    @dataclass
    class Bad2:
        x: int = 0
        y: int
except TypeError as e:
    print(e)
try:
    field(default=1, default_factory=list)
except ValueError as e:
    print(e)
try:
    asdict(5)
except TypeError as e:
    print(e)
try:
    replace(p, nope=1)
except TypeError as e:
    print(e)

@dataclass(kw_only=True)
class Opts:
    verbose: bool = False
    level: int

print(Opts(level=3))
try:
    Opts(1)
except TypeError as e:
    print(e)

@dataclass(eq=False)
class Ident:
    v: int
print(Ident(1) == Ident(1), hash(Ident(1)) != 0)

@dataclass
class WithRepr:
    v: int
    def __repr__(self):
        return 'custom'
print(WithRepr(1), WithRepr(1) == WithRepr(1))

match Point(1, 2):
    case Point(x, y):
        print('matched', x, y)
print(Point.__match_args__, repr(MISSING)[:32])

@dataclass(unsafe_hash=True)
class H:
    a: int
    b: list = field(default=None, hash=False)
print(hash(H(1)) == hash(H(1, [2])))
class Plain(Point):
    pass
print(Plain(5), Plain(5) == Point(5))
