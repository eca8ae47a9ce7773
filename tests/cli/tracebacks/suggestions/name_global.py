counter = 0
def f():
    return countr
f()
