from dataclasses import dataclass, field, fields, KW_ONLY, asdict, astuple, replace
from typing import ClassVar, Optional, List
from collections import namedtuple

@dataclass
class Config:
    name: str
    _: KW_ONLY
    retries: int = 3
    tags: List[str] = field(default_factory=list)
    registry: ClassVar[dict] = {}
    note: Optional[str] = None

c = Config('svc', retries=5)
print(c, [f.name for f in fields(c)], Config.registry, Config.__annotations__['retries'])
try:
    Config('a', 2)
except TypeError as e:
    print(e)
try:
    Config()
except TypeError as e:
    print(e)

P = namedtuple('P', 'x y')

@dataclass
class Holder:
    point: P
    pairs: dict
    items: tuple = ()

h = Holder(P(1, 2), {'k': [Holder(P(0, 0), {})]}, (1, [2]))
print(asdict(h))
print(astuple(h))

@dataclass
class Account:
    owner: str
    balance: float = 0.0

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError('amount must be positive')
        self.balance += amount
        return self

acct = Account('ann').deposit(10).deposit(5.5)
print(acct, acct.balance)

@dataclass
class Validated:
    n: int
    def __post_init__(self):
        if self.n < 0:
            raise ValueError(f'negative: {self.n}')
        self.double = self.n * 2

v = Validated(4)
print(v, v.double)
try:
    Validated(-1)
except ValueError as e:
    print('ValueError', e)

@dataclass
class Rec:
    name: str
    child: 'Rec' = None

r = Rec('a', Rec('b'))
print(r)
r.child.child = r
print(r)

print(sorted([Account('b', 2), Account('a', 2)], key=lambda a: a.owner))
print(Account('x') == Account('x'), Account('x') is Account('x'))
print(Account.__eq__ is not object.__eq__, Account.__hash__)

@dataclass(frozen=True)
class FrozenPoint:
    x: int
    y: int
    def moved(self, dx):
        return replace(self, x=self.x + dx)

fp = FrozenPoint(1, 2)
print(fp.moved(3), fp, {fp, FrozenPoint(1, 2)})
try:
    @dataclass
    class Thawed(FrozenPoint):
        z: int = 0
except TypeError as e:
    print(e)
try:
    @dataclass(order=True)
    class O:
        a: int
        def __lt__(self, other):
            return True
except TypeError as e:
    print(e)
try:
    @dataclass(order=True, eq=False)
    class O2:
        a: int
except ValueError as e:
    print(e)
try:
    class NoAnn:
        x = field(default=1)
    dataclass(NoAnn)
except TypeError as e:
    print(e)
try:
    fields(5)
except TypeError as e:
    print(e)
try:
    @dataclass
    class InitFalse:
        a: int
        b: int = field(init=False, default=0)
    replace(InitFalse(1), b=2)
except ValueError as e:
    print(e)

class Meta:
    x: int = 1
    y: 'str'
    def f(self):
        z: int = 5
        return z
print(Meta.__annotations__, Meta().f(), '__annotations__' in Meta.__dict__)
class Sub(Meta):
    w: float
print(Sub.__annotations__)
class NoAnnotations:
    pass
print('__annotations__' in NoAnnotations.__dict__)
@dataclass
class Empty:
    pass
print(Empty(), Empty() == Empty(), fields(Empty))
