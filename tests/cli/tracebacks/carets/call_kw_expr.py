def g(a):
    return a
y = [g(b=1)]
