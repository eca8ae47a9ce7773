def a():
    raise KeyError("a")


def b():
    try:
        a()
    except KeyError as e:
        raise ValueError("b") from e


def c():
    try:
        b()
    except ValueError as e:
        raise TypeError("c") from e


c()
