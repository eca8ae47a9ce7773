def f():
    global gx
    gx += 1
f()
