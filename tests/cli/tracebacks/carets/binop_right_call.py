def g():
    raise ValueError
y = 1 + g()
