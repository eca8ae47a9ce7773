def counter():
    counter.calls = getattr(counter, "calls", 0) + 1
    return counter.calls
counter(); counter()
print(counter())
def make():
    data = {}
    def put(k, v):
        data[k] = v
    def get(k):
        return data.get(k)
    return put, get
p, g = make()
p("a", 1)
print(g("a"), g("b"))
