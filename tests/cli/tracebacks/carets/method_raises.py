def f():
    return [].pop()
f()
