def f():
    raise ValueError
y = 1 and f()
