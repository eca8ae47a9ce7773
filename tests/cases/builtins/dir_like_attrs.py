class K:
    """Docstring for K."""
    a = 1
print(K.__name__, K.__doc__)
def fn():
    "fn doc"
print(fn.__name__, fn.__doc__)
print((lambda: 0).__name__)
print(len.__name__, str.upper.__name__)
