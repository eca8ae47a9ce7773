# Unions are not sequences; Union of nothing; __set_name__ errors are wrapped.
from typing import Union

u = int | str
print(u.__args__, (int | None).__args__)
for f in [lambda: len(u), lambda: list(u), lambda: u[0], lambda: Union[()]]:
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)


class Field:
    def __set_name__(self, owner, name):
        raise ValueError("bad field " + name)


try:
    class Model:
        price = Field()
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))


# `|` on types is type's __or__/__ror__: None alone on both sides is no union.
for left, right in [(None, None), (None, 1), ("a", None)]:
    try:
        print(left | right)
    except TypeError as e:
        print("TypeError:", e)
print(None | int, int | None, None | int | None)
