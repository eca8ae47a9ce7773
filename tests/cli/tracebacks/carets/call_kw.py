def g(a):
    return a
g(b=1)
