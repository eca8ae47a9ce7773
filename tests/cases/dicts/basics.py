d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"])
d["a"] = 10
print(d)
del d["b"]
print(d)
print("a" in d, "b" in d, 10 in d)
print({1: "int", "1": "str", (1,): "tuple"})
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": "v"}, z=0))
print(dict(), {})
