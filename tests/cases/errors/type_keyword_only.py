def f(*, key):
    return key
f(1)
