names = ["a", "b", "c"]
vals = [1, 2, 3, 4]
for i, (n, v) in enumerate(zip(names, vals)):
    print(i, n, v)
print(dict(zip(names, vals)))
pairs = list(zip(names, vals))
print(list(zip(*pairs)))
