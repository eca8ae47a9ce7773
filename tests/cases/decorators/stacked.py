def tag(name):
    def deco(fn):
        def w(*a):
            return f"<{name}>{fn(*a)}</{name}>"
        return w
    return deco
@tag("b")
@tag("i")
def text(s):
    return s
print(text("x"))
order = []
def d1(f):
    order.append("d1")
    return f
def d2(f):
    order.append("d2")
    return f
@d1
@d2
def g():
    pass
print(order)
