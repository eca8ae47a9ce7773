def f():
    raise ValueError
y = 1 + 2 * f() - 3
