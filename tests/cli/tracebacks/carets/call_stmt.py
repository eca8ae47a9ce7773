def g():
    raise ValueError("bad")
g()
