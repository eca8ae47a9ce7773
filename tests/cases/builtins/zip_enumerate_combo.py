a = ["x", "y", "z"]
b = [1, 2, 3]
for i, (p, q) in enumerate(zip(a, b), 1):
    print(i, p, q)
print(list(zip(*[(1, 2), (3, 4), (5, 6)])))
print(list(map(list, zip(*[[1, 2, 3], [4, 5, 6]]))))
