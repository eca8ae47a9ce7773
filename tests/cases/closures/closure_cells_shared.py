def pair():
    v = 0
    def get():
        return v
    def set_(n):
        nonlocal v
        v = n
    return get, set_
g, s = pair()
print(g())
s(42)
print(g())
g2, s2 = pair()
print(g2(), g())
