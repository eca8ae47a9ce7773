# Property getters of every shape: plain functions (which LOAD_ATTR runs as
# a frame), getters with defaults or *args, lambdas, builtins, generator
# functions, closures, inherited and overridden properties, getters that
# read other properties, recursion through getters, and errors caught.


class Temperature:
    def __init__(self, celsius):
        self._c = celsius

    @property
    def celsius(self):
        return self._c

    @property
    def fahrenheit(self):
        return self.celsius * 9 / 5 + 32

    @property
    def described(self):
        return f"{self.celsius}C = {self.fahrenheit}F"


t = Temperature(100)
print(t.celsius, t.fahrenheit, t.described)
print([Temperature(c).fahrenheit for c in range(0, 30, 10)])


class Shapes:
    def _with_default(self, extra=1):
        return ("default", extra)

    def _varargs(*args):
        return ("varargs", len(args))

    def _gen(self):
        yield 1
        yield 2

    with_default = property(_with_default)
    varargs = property(_varargs)
    lam = property(lambda self: ("lambda", type(self).__name__))
    builtin = property(len)
    gen = property(_gen)

    def __len__(self):
        return 3


s = Shapes()
print(s.with_default, s.varargs, s.lam, s.builtin, list(s.gen))


def make_class(prefix):
    class Closure:
        @property
        def tag(self):
            return prefix + "!"

    return Closure


print(make_class("p")().tag, make_class("q").tag.__class__.__name__)


class Base:
    @property
    def name(self):
        return "base"

    @property
    def shout(self):
        return self.name.upper()


class Child(Base):
    @property
    def name(self):
        return "child of " + super().name


print(Base().shout, Child().shout, Child().name)


class Slotted:
    __slots__ = ("v",)

    def __init__(self):
        self.v = 5

    @property
    def double(self):
        return self.v * 2


print(Slotted().double)


class Deep:
    def __init__(self, n):
        self.n = n

    @property
    def depth(self):
        return 0 if self.n == 0 else 1 + Deep(self.n - 1).depth


print(Deep(50).depth)


class Failing:
    @property
    def broken(self):
        return {}["missing"]

    @property
    def stops(self):
        raise StopIteration("inside a getter")


f = Failing()
try:
    f.broken
except KeyError as e:
    print("KeyError", e)
try:
    f.stops
except StopIteration as e:
    print("StopIteration", e)
try:
    getattr(f, "broken", "default")
except KeyError as e:
    print("getattr lets KeyError through", e)


class Fallback:
    @property
    def missing(self):
        raise AttributeError("gone")

    def __getattr__(self, name):
        return "fallback for " + name


print(Fallback().missing, hasattr(Fallback(), "missing"))


class Counter:
    calls = 0

    @property
    def tick(self):
        Counter.calls += 1
        return Counter.calls


c = Counter()
print(c.tick + c.tick * 10, [c.tick for _ in range(3)], Counter.calls)


class Raising:
    def __get__(self, obj, owner):
        raise AttributeError("descriptor says no")


class WithDescriptor:
    thing = Raising()

    @property
    def plain(self):
        raise AttributeError("no plain")

    def __getattr__(self, name):
        return "getattr(" + name + ")"


class NoFallback:
    @property
    def plain(self):
        raise AttributeError("no plain")


w = WithDescriptor()
print(w.thing, w.plain, getattr(w, "plain"), hasattr(w, "thing"))
print(hasattr(NoFallback(), "plain"), getattr(NoFallback(), "plain", "default"))
try:
    NoFallback().plain
except AttributeError as e:
    print("AttributeError", e)
