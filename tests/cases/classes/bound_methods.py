class C:
    def __init__(self, n):
        self.n = n
    def get(self):
        return self.n
a, b = C(1), C(2)
ga = a.get
print(ga(), C.get(b), ga.__self__ is a, ga.__name__)
fs = [x.get for x in (a, b)]
a.n = 10
print([f() for f in fs])
a.get = lambda: "instance attr shadows"
print(a.get(), b.get())
