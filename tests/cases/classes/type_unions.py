# int | None (PEP 604): unions of types in annotations, isinstance and issubclass.
from math import pi


class Node:
    pass


def f(x: int | None = None, y: "str | bytes" = "a") -> list | None:
    return x


print(f(3), f.__annotations__["x"], f.__annotations__["return"])
u = int | str
print(u, int | None, None | int, int | str | int, Node | None, int | int)
print(isinstance(3, u), isinstance("s", u), isinstance(3.0, u), isinstance(None, int | None))
print(issubclass(bool, int | str), issubclass(float, int | str))
print(isinstance(Node(), Node | int), isinstance(1, (str, int | None)))
print((int | str) | (bytes | None))
for bad in [lambda: int | 3, lambda: 3 | int, lambda: "x" | int]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
_MISSING = object()
print(repr(_MISSING)[:17], _MISSING is _MISSING)
