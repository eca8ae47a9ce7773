def g():
    yield 1
x = g()
next(x)
x.throw(ValueError("t"))
