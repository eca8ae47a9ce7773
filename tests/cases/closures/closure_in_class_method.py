class Registry:
    def __init__(self):
        self.handlers = []
    def register(self, tag):
        def deco(fn):
            self.handlers.append((tag, fn))
            return fn
        return deco
r = Registry()
@r.register("a")
def ha(x):
    return x + 1
@r.register("b")
def hb(x):
    return x * 2
print([(t, f(10)) for t, f in r.handlers])
