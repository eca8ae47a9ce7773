# Methods of a class defined inside a function close over the function's
# variables: the class body passes them through (CPython's class code has
# them among its free variables), whatever the class body itself does with
# the same name.


def make_class(prefix):
    class Tagged:
        def tag(self):
            return prefix + "!"

        @property
        def prop(self):
            return prefix * 2

        @staticmethod
        def static():
            return prefix.upper()

        @classmethod
        def klass(cls):
            return cls.__name__ + ":" + prefix

        lam = lambda self: prefix + "?"
        listed = [prefix + str(i) for i in range(2)]

    return Tagged


T = make_class("p")
print(T().tag(), T().prop, T.static(), T.klass(), T().lam(), T.listed)
print(make_class("q")().tag(), T().tag())


def shadowed():
    # (A name the class body assigns is the class namespace's throughout
    # the body: read before its assignment, it is a NameError there.)
    x = "outer"

    class C:
        x = "class"
        after = x

        def m(self):
            return x

    return C


C = shadowed()
print(C().m(), C.after, C.x)


def counter():
    n = 0

    class Counter:
        def inc(self, by=1):
            nonlocal n
            n += by
            return n

    def peek():
        return n

    return Counter(), peek


c, peek = counter()
c.inc()
print(c.inc(5), peek())


def nested(a):
    class Outer:
        class Inner:
            def get(self):
                return a

        def get(self):
            return self.Inner().get() + a

    return Outer


print(nested(21)().get())


def with_super(label):
    class Base:
        def name(self):
            return "base"

    class Child(Base):
        def name(self):
            return label + "/" + super().name()

    return Child


print(with_super("child")().name())


def generators(items):
    class Walker:
        def __iter__(self):
            for item in items:
                yield item * 2

    return Walker


print(list(generators([1, 2, 3])()))
