# functools.wraps and update_wrapper: the decorator idiom. The wrapper takes
# the wrapped function's name, qualname, doc, module, annotations and
# attributes, and points back to it through __wrapped__.
import functools
from functools import wraps, update_wrapper, WRAPPER_ASSIGNMENTS, WRAPPER_UPDATES

print(WRAPPER_ASSIGNMENTS, WRAPPER_UPDATES)


def logged(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        result = fn(*args, **kwargs)
        print(f"{fn.__name__}{args} -> {result!r}")
        return result

    return wrapper


@logged
def add(a: int, b: int = 2) -> int:
    """Adds two numbers."""
    return a + b


add.tag = "math"
print(add(1), add(3, b=4))
print(add.__name__, add.__qualname__, add.__doc__, add.__module__, add.__annotations__)
print(add.__wrapped__.__name__, add.__wrapped__(10, 20), add.tag, add.__dict__.keys())
print(repr(add).split(' at ')[0])


class Service:
    def __repr__(self):
        return "Service()"

    @logged
    def fetch(self, key):
        "Fetches a key."
        return key.upper()


print(Service().fetch("k"), Service.fetch.__qualname__, Service.fetch.__doc__)


def counted(fn):
    def inner(*args):
        inner.calls += 1
        return fn(*args)

    inner.calls = 0
    return functools.update_wrapper(inner, fn)


def square(x):
    return x * x


square.unit = "m2"
sq = counted(square)
print(sq(3), sq(4), sq.calls, sq.__name__, sq.unit, sq.__wrapped__ is square)


def only_name(fn):
    @wraps(fn, assigned=("__name__",), updated=())
    def wrapper():
        return fn()

    return wrapper


@only_name
def documented():
    "has a doc"
    return 1


print(documented.__name__, documented.__doc__, documented.__qualname__, documented())


# Stacked decorators: __wrapped__ leads down the chain.
@logged
@logged
def twice(x):
    return x * 2


print(twice(5), twice.__wrapped__.__wrapped__.__name__)


def plain():
    pass


print(update_wrapper(plain, 5).__wrapped__, plain.__name__)
for bad in [lambda: wraps(), lambda: wraps(plain)(), lambda: update_wrapper(plain)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    wraps(plain, assigned=(1,))(lambda: 0)
except TypeError as e:
    print("TypeError:", e)
