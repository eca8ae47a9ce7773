def f():
    print(vlaue)
    vlaue = 1
f()
