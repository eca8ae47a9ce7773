# A class's __new__ makes the object (singletons, immutable subclasses of str,
# int and tuple, validation); __init__ runs only on an instance of the class.
class Singleton:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            print("creating")
            cls._instance = super().__new__(cls)
        return cls._instance

    def __init__(self):
        print("init")


a = Singleton()
b = Singleton()
print(a is b)


class Upper(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())


u = Upper("hi")
print(u, type(u).__name__, u + "!", len(u), isinstance(u, str))


class Doubled(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)


d = Doubled(3)
print(d, d + 1, type(d).__name__)


class Positive(int):
    def __new__(cls, v):
        if v < 0:
            raise ValueError("negative: " + str(v))
        return int.__new__(cls, v)


print(Positive(5))
try:
    Positive(-1)
except ValueError as e:
    print("ValueError:", e)


class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]


p = Point(1, 2)
print(p, p.x, p[1], len(p), type(p).__name__)


class NotMine:
    def __new__(cls, *args):
        return 42

    def __init__(self, *args):
        print("never")


print(NotMine(1, 2))


class Base:
    def __new__(cls, *args, **kwargs):
        print("Base.__new__", cls.__name__, args, kwargs)
        return super().__new__(cls)

    def __init__(self, x, y=0):
        self.x, self.y = x, y


class Child(Base):
    def __new__(cls, *args, **kwargs):
        print("Child.__new__")
        return super().__new__(cls, *args, **kwargs)


c = Child(1, y=2)
print(c.x, c.y, type(c).__name__)
o = object.__new__(Base)
print(type(o).__name__, hasattr(o, "x"))
print(repr(object())[:17])
try:
    object.__new__(Base, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    object.__new__(5)
except TypeError as e:
    print("TypeError:", e)
print(str.__new__(str, 12), int.__new__(int, "7"))


class Err(Exception):
    def __new__(cls, *args):
        print("Err.__new__", args)
        return super().__new__(cls, *args)


try:
    raise Err("boom", 2)
except Err as e:
    print(e.args, str(e))
