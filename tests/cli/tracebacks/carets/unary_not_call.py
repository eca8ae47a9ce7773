def f():
    raise ValueError
y = not f()
