def f():
    y = x + 1
    x = 2
f()
