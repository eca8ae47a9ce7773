registry = {}
def register(cls):
    registry[cls.__name__] = cls
    cls.registered = True
    return cls
@register
class Foo:
    pass
@register
class Bar:
    pass
print(sorted(registry), Foo.registered)
def add_method(cls):
    cls.hello = lambda self: "hello from " + type(self).__name__
    return cls
@add_method
class Baz:
    pass
print(Baz().hello())
