from collections import namedtuple
Point = namedtuple('Point', ['x', 'y'])
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[1], len(p), tuple(p), list(p))
print(p == (1, 2), p == Point(1, 2), hash(p) == hash((1, 2)))
q = Point(x=3, y=4)
print(q, q._replace(y=10), q._asdict(), Point._fields)
print(Point._make([5, 6]), Point._make(range(2)))
x, y = p
print(x + y, isinstance(p, tuple), type(p).__name__, Point.__name__)
Emp = namedtuple('Emp', 'name, age dept', defaults=['eng'])
print(Emp('ann', 30), Emp('bob', 40, 'ops'), Emp._field_defaults)
try:
    Point(1)
except TypeError as ex:
    print(ex)
try:
    Point(1, 2, 3)
except TypeError as ex:
    print(ex)
try:
    Point(1, z=2)
except TypeError as ex:
    print(ex)
try:
    Point(1, x=2)
except TypeError as ex:
    print(ex)
try:
    Point()
except TypeError as ex:
    print(ex)
for bad in [('1x', 'a'), ('P', 'def'), ('P', '_a'), ('P', 'a a'), ('P', 'a-b')]:
    try:
        namedtuple(*bad)
    except ValueError as ex:
        print(ex)
R = namedtuple('R', 'a def _b a', rename=True)
print(R._fields)
class V(namedtuple('V', 'x y')):
    def norm(self):
        return abs(self.x) + abs(self.y)
v = V(3, -4)
print(v, v.norm(), v._replace(x=0))
try:
    p._replace(z=1)
except ValueError as ex:
    print(ex)
try:
    Point._make([1])
except TypeError as ex:
    print(ex)
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
print(Point.__doc__)
match p:
    case Point(x, y):
        print('matched', x, y)
print(max([Point(1, 9), Point(3, 0)], key=lambda t: t.y))
d = {Point(0, 0): 'origin'}
print(d[Point(0, 0)])
try:
    p.x = 5
except AttributeError as ex:
    print('AttributeError')
print(p[:1], p + (9,))
