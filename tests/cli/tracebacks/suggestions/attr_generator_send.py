def g():
    yield 1
g().sen(1)
