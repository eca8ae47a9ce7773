def f():
    try:
        raise ValueError("original")
    except ValueError:
        print("handling")
        raise
try:
    f()
except ValueError as e:
    print("re-raised:", e)
def g():
    try:
        int("x")
    except ValueError as e:
        err = e
    raise err
try:
    g()
except ValueError as e:
    print("stored:", e)
