from abc import ABC, abstractmethod, update_abstractmethods


class Shape(ABC):
    @abstractmethod
    def area(self):
        """The area."""

    @abstractmethod
    def perimeter(self):
        ...

    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2

    def perimeter(self):
        return 4 * self.side


class Half(Shape):
    def area(self):
        return 1


for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)

sq = Square(3)
print(sq.describe(), sq.perimeter())
print(isinstance(sq, Shape), issubclass(Square, ABC), isinstance(sq, ABC))
print(Square.__abstractmethods__, Half.__abstractmethods__)
print(sorted(Shape.__abstractmethods__))
print(ABC, ABC.__abstractmethods__, ABC.__module__, ABC.__name__)
print(Shape.area.__isabstractmethod__, hasattr(Square.area, "__isabstractmethod__"))


class WithProps(ABC):
    @property
    @abstractmethod
    def name(self):
        ...

    @classmethod
    @abstractmethod
    def make(cls):
        ...

    @staticmethod
    @abstractmethod
    def helper():
        ...


try:
    WithProps()
except TypeError as e:
    print("TypeError:", e)


class Impl(WithProps):
    @property
    def name(self):
        return "impl"

    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def helper():
        return 42


i = Impl.make()
print(i.name, i.helper(), Impl.__abstractmethods__)


# An abstract method with a body, reached through super().
class Base(ABC):
    @abstractmethod
    def greet(self):
        return "base"


class Child(Base):
    def greet(self):
        return "child+" + super().greet()


print(Child().greet())


# Still abstract when overridden by another abstract method.
class Again(Square):
    @abstractmethod
    def area(self):
        ...


try:
    Again(2)
except TypeError as e:
    print("TypeError:", e)


# abstractmethod without ABC: no enforcement (as in CPython).
class Plain:
    @abstractmethod
    def f(self):
        return "plain"


print(Plain().f())


# object.__new__ through a custom __new__ checks too.
class WithNew(ABC):
    def __new__(cls, *args):
        return super().__new__(cls)

    @abstractmethod
    def run(self):
        ...


try:
    WithNew()
except TypeError as e:
    print("TypeError:", e)


# update_abstractmethods after the class changed.
class Later(ABC):
    @abstractmethod
    def go(self):
        ...


class Done(Later):
    pass


Done.go = lambda self: "went"
print(Done.__abstractmethods__)
update_abstractmethods(Done)
print(Done.__abstractmethods__, Done().go())
print(update_abstractmethods(int) is int)

try:
    abstractmethod()
except TypeError as e:
    print("TypeError:", e)
try:
    abstractmethod(1)
except AttributeError as e:
    print("AttributeError:", e)
