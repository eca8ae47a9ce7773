def m():
    raise ValueError
x = 1
assert x == 2, m()
