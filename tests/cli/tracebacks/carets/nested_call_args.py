def f(a, b):
    return a + b
y = f(f(1, 2), f(None, 3))
