d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i)
d["d"] = 4
print(list(k), list(v), list(i))
print(len(k), "a" in k, 2 in v, ("b", 2) in i, ("b", 3) in i)
print(sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}))
for key, val in d.items():
    print(key, val, end="; ")
print()
print(list(reversed(d.keys())), list(reversed(d.values())))
