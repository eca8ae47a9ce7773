def inner():
    try:
        1 / 0
    except Exception as e:
        raise ValueError("v") from e

def outer():
    try:
        inner()
    except ValueError:
        raise KeyError("k")

outer()
