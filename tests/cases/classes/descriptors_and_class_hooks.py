# Descriptors (__get__/__set__/__delete__, data before instance attributes,
# non-data after), __set_name__, __init_subclass__, __class_getitem__.
class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, 0)

    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.name[1:]} must be positive, got {value}")
        setattr(obj, self.name, value)


class Constant:
    def __init__(self, value):
        self.value = value

    def __get__(self, obj, objtype=None):
        return self.value


class Order:
    qty = Positive()
    price = Positive()
    kind = Constant("limit")

    def __init__(self, qty, price):
        self.qty = qty
        self.price = price

    def total(self):
        return self.qty * self.price


o = Order(3, 10)
print(o.total(), o.qty, o.kind, Order.kind, type(Order.qty).__name__)
try:
    o.qty = -1
except ValueError as e:
    print("ValueError:", e)
o.kind = "market"   # non-data descriptor: the instance attribute wins
print(o.kind, Order.kind, sorted(o.__dict__))


class cached:
    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        setattr(obj, self.name, value)
        return value


class Report:
    calls = 0

    @cached
    def summary(self):
        Report.calls += 1
        return "computed"


r = Report()
print(r.summary, r.summary, Report.calls)


class Registry:
    plugins = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Registry.plugins.append(cls.__name__)


class A(Registry):
    pass


class B(A):
    pass


print(Registry.plugins)


class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__}]"


print(Box[int])


class Deleter:
    def __get__(self, obj, objtype=None):
        return "value"

    def __delete__(self, obj):
        print("deleting")


class Holder:
    d = Deleter()


h = Holder()
print(h.d)
del h.d
try:
    h.d = 1
except AttributeError as e:
    print("AttributeError:", e)
