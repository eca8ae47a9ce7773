# Enum, IntEnum, StrEnum, auto and unique: members, aliases, lookups by value and name,
# iteration, reprs, hashing, comparisons and CPython's errors.
from enum import Enum, IntEnum, auto, StrEnum, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    ALIAS = 1
    def describe(self):
        return self.name.lower()
print(list(Color), len(Color), Color.RED in Color, Color(2), Color['RED'], Color.ALIAS is Color.RED)
try:
    print(1 in Color)
except TypeError as e:
    print('TE', e)
try:
    Color(5)
except ValueError as e:
    print(e)
try:
    Color['X']
except KeyError as e:
    print('KE', e)
print(repr(Color.RED), str(Color.RED), f'{Color.RED}', Color.RED.describe(), Color.RED.value, Color.RED.name, hash(Color.RED) == hash('RED'))
class P(IntEnum):
    A = 1
    B = auto()
print(P.A + 1, P.B, repr(P.B), str(P.B), f'{P.B}', P.A < P.B, P(2), P.A == 1, list(P), type(P.A))
class S(StrEnum):
    X = auto()
    Y = 'why'
print(S.X, repr(S.X), S.Y.upper(), S.X == 'x')
print(Color.__members__)
print(Color, repr(Color.RED.__class__))
try:
    Color.RED = 3
except AttributeError as e:
    print('AE', e)
try:
    class E2(Color):
        pass
except TypeError as e:
    print(e)
print(isinstance(Color.RED, Color), Color.RED == Color.RED, Color.RED != Color.GREEN, bool(Color.RED))
try:
    Color.RED < Color.GREEN
except TypeError as e:
    print(e)
@unique
class U(Enum):
    a = 1
try:
    @unique
    class U2(Enum):
        a = 1
        b = 1
except ValueError as e:
    print(e)
class Planet(Enum):
    MERCURY = (3.3e23, 2.4e6)
    EARTH = (5.9e24, 6.3e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def gravity(self):
        return round(self.mass / self.radius ** 2 / 1e10, 3)
print(Planet.EARTH.mass, Planet.EARTH.value, Planet((3.3e23, 2.4e6)), Planet.EARTH.gravity)
match Color.GREEN:
    case Color.RED:
        print('r')
    case Color.GREEN:
        print('g')
print(hash(P.A) == hash(1), hash(S.X) == hash('x'), {1: 'one'}[P.A], P.A * 2, format(P.A, '>4'), S.X + 'y', '%s' % P.A, str(S.X), format(S.X, '>3'))
print(format(Color.RED), format(Color.RED, '>10'), '%s' % Color.RED, sorted(P, reverse=True), {Color.RED: 1}[Color.ALIAS])
class Status(Enum):
    ACTIVE = 'active'
    DONE = 'done'
    @classmethod
    def parse(cls, s):
        return cls(s.lower())
print(Status.parse('DONE'), [s.value for s in Status], Status.DONE.name, Status('active') is Status.ACTIVE)
class Weekday(IntEnum):
    MON = auto()
    TUE = auto()
    WED = 5
    THU = auto()
print(list(Weekday), max(Weekday), Weekday.THU - Weekday.MON, Weekday(6).name)
d = {Status.ACTIVE: 1}
print(d, Status.ACTIVE in d)
