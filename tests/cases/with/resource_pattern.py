class Resource:
    open_count = 0
    def __init__(self, name):
        self.name = name
        self.closed = False
    def __enter__(self):
        Resource.open_count += 1
        return self
    def __exit__(self, et, ev, tb):
        self.closed = True
        Resource.open_count -= 1
    def read(self):
        if self.closed:
            raise ValueError("closed")
        return f"data from {self.name}"
with Resource("db") as r:
    print(r.read(), Resource.open_count)
print(r.closed, Resource.open_count)
try:
    r.read()
except ValueError as e:
    print("ValueError:", e)
try:
    with Resource("x") as r2:
        raise KeyError("k")
except KeyError:
    print("propagated", r2.closed, Resource.open_count)
