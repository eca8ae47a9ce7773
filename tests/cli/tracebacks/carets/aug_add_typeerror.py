def f():
    s = "a"
    s += 1
f()
