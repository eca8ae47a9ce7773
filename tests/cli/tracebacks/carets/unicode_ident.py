def f():
    café = None
    return café.x
f()
