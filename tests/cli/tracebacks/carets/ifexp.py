def f():
    raise ValueError
y = 1 if f() else 2
