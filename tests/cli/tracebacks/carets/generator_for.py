def g():
    yield 1
    raise KeyError(2)
for x in g():
    pass
