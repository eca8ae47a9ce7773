def outer(x):
    def inner(y):
        return x + y
    return inner(10) + inner(20)
print(outer(1))
def make_ops():
    def double(v):
        return v * 2
    def square(v):
        return v * v
    return [double, square]
print([f(7) for f in make_ops()])
print(make_ops()[0].__name__)
print(outer.__qualname__, make_ops()[1].__qualname__)
