def show(tag, v):
    print("eval", tag)
    return v
def f(a, b, c=None, *, d=None):
    return (a, b, c, d)
print(f(show("a", 1), show("b", 2), d=show("d", 4), c=show("c", 3)))
print([show(i, i) for i in range(2)])
print(show("L", 1) + show("R", 2))
