class Pt:
    def __init__(self):
        self.x = 3
        self.y = 4
        self.tags = ["t0", "t1"]
p = Pt()
print("({0.x}, {0.y})".format(p))
print("{p.tags[1]}".format(p=p))
print("{0[a]} {0[b]}".format({"a": 1, "b": 2}))
print("{0[0][1]}".format([[1, 2]]))
print("{m[key]}".format(m={"key": "v"}))
print("{0.x!r:>4}|".format(p))
