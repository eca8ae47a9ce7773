# Functions made from one code object share its name strs (CPython shares the code object's).
f = lambda: 0
g = lambda: 0
print(f.__name__ is g.__name__, f.__qualname__, f.__name__)
def outer():
    def inner(): pass
    return inner
a, b = outer(), outer()
print(a.__qualname__ is b.__qualname__, a.__qualname__, a is b)
a.__name__ = "renamed"
print(a.__name__, b.__name__)
