def f():
    raise

try:
    1 / 0
except ZeroDivisionError:
    f()
