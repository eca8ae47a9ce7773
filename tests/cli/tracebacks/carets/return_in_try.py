def f():
    try:
        return None.x
    except KeyError:
        pass
f()
