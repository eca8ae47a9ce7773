class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"P({self.x!r}, {self.y!r})"
    def __str__(self):
        return f"<{self.x},{self.y}>"
    def __format__(self, spec):
        if spec == "short":
            return "P"
        return str(self)
p = P(1, "a")
print(f"{p}")
print(f"{p!r}")
print(f"{p:short}")
print(f"{p.x} {p.y}")
print("{}".format(p), format(p, "short"))
