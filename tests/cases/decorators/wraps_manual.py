def keep_name(fn):
    def w(*a):
        return fn(*a)
    w.__name__ = fn.__name__
    w.__doc__ = fn.__doc__
    return w
@keep_name
def documented():
    """I have docs."""
    return 1
print(documented.__name__, documented.__doc__, documented())
