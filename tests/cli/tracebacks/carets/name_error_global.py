def f():
    return missing * 2
f()
