def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def hi(x):
    return "hi " + x
print(hi("z"))
def prefix(p):
    return lambda fn: lambda *a: p + fn(*a)
@prefix(">> ")
def msg(s):
    return s
print(msg("text"))
