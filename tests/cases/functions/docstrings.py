def f():
    """Summary line.

    More detail.
    """
    return 1
print(f.__doc__.splitlines()[0])
print(f())
def g():
    pass
print(g.__doc__)
