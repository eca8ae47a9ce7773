def outer():
    x = None
    def inner():
        return x.y
    return inner
outer()()
