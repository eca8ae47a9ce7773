d = {}
for k in ["z", "a", "m", "b"]:
    d[k] = ord(k)
print(list(d))
d["a"] = 0
print(list(d))
del d["z"]
d["z"] = 1
print(list(d))
print(list(reversed(d)))
print({3: 0, 1: 0, 2: 0})
