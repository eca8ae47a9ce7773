def g():
    yield 1
    raise IndexError("gen failed")
for v in g():
    print(v)
