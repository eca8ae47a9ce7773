def f():
    raise ValueError
y = 1 < f() < 3
