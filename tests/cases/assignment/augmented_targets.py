class O:
    def __init__(self):
        self.n = 1
        self.items = [1, 2]
o = O()
o.n += 5
o.n *= 2
o.items += [3]
o.items[0] -= 10
print(o.n, o.items)
d = {"a": 1, "l": []}
d["a"] += 1
d["l"] += ["x"]
d.setdefault("new", 0)
d["new"] -= 1
print(d)
m = [[1, 2], [3, 4]]
m[1][0] **= 2
m[0][1] //= 2
print(m)
s = "ab"
s *= 3
print(s)
