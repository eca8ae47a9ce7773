def inner(n):
    try:
        for i in range(n):
            got = yield i
            print("inner got", got)
    except KeyError as e:
        print("inner caught", e)
        return "caught"
    finally:
        print("inner finally")
    return "done"

def outer():
    r = yield from inner(3)
    print("r =", r)
    r2 = yield from inner(5)
    print("r2 =", r2)
    yield from [10, 11]
    return "outer-done"

g = outer()
print(next(g))
print(g.send("a"))
print(g.send("b"))
print(g.send("c"))
print(g.throw(KeyError("k")))
print(list(g))
def deleg():
    x = yield from deleg2()
    return x
def deleg2():
    raise ValueError("boom")
    yield 1
try:
    list(deleg())
except ValueError as e:
    print("caught", e)
def gen_ret():
    return 5
    yield
def d3():
    v = yield from gen_ret()
    yield v
print(list(d3()))
def bad():
    yield 1
    1/0
def top():
    yield from bad()
try:
    for x in top(): print(x)
except ZeroDivisionError as e:
    print("zde", e)
def rec(n):
    if n: yield from rec(n-1)
    else: yield "bottom"
print(list(rec(50)))
gg = outer()
print(next(gg)); gg.close(); print("closed")
def selfref():
    yield from me
me = selfref()
try:
    next(me)
except ValueError as e:
    print(e)
