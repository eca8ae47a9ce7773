def g():
    yield 1 / 0
next(g())
