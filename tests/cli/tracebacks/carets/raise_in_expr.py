def f():
    raise ValueError("v")
try:
    f()
except ValueError as e:
    raise KeyError("k") from e
