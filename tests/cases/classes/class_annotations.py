# Annotated names in a class body fill its __annotations__ (in order, after
# the assignment, evaluated), also inside compound statements; functions'
# local annotations are not evaluated; a class without any has none.
class Meta:
    x: int = 1
    y: 'str'
    if True:
        z: list
    for i in range(1):
        w: dict = {}
    def f(self):
        local: undefined_name = 5
        return local
print(Meta.__annotations__, Meta().f(), '__annotations__' in Meta.__dict__, Meta.x)
class Sub(Meta):
    v: float
print(Sub.__annotations__, Meta.__annotations__ is not Sub.__annotations__)
class NoAnnotations:
    pass
print('__annotations__' in NoAnnotations.__dict__)
class Private:
    __secret: int = 0
    public: 'Private'
print(Private.__annotations__)
class Order:
    b: int = 0
    a: int
    b: str
print(list(Order.__annotations__.items()))
class Attr:
    x = None
Attr.x: int = 5
print(Attr.x, '__annotations__' in Attr.__dict__)
