class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
c["x"] += 1
c["x"] += 1
c["y"] += 5
print(c, c["nope"], "nope" in c)
class Upper(dict):
    def __getitem__(self, key):
        return super().__getitem__(key.upper())
u = Upper(A=1)
print(u["a"], len(u), isinstance(u, dict))
