def f():
    raise ValueError
y = f() is not None
