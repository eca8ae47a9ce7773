def f(a):
    pass
y = f(1, 2)
