# class P(NamedTuple): annotated fields, defaults, methods and docstrings.
from typing import NamedTuple, Optional


class Point(NamedTuple):
    """A point."""
    x: int
    y: int = 0
    label: Optional[str] = None

    def norm(self):
        return abs(self.x) + abs(self.y)

    @property
    def pair(self):
        return (self.x, self.y)


p = Point(3, -4)
print(p, p.norm(), p.pair, p.label, Point.__doc__, Point._fields, Point._field_defaults)
print(p._replace(y=1), p._asdict(), Point._make([1, 2, 'z']), isinstance(p, tuple), len(p))
print(list(Point.__annotations__), type(p).__name__, p == (3, -4, None), hash(p) == hash((3, -4, None)))
x, y, _ = p
print(x, y, sorted([Point(2), Point(1, 5)]))
match p:
    case Point(x=3, y=yy):
        print('matched', yy)


class Employee(NamedTuple):
    name: str
    id: int = 3


print(Employee('guido'), Employee('ann', 7))
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int
except TypeError as e:
    print(e)
try:
    class Bad2(NamedTuple):
        a: int

        def _asdict(self):
            return {}
except AttributeError as e:
    print(e)
try:
    Point()
except TypeError as e:
    print(e)
