pts = [(1, 2), (3, 4), (5, 6)]
for x, y in pts:
    print(x * y, end=" ")
print()
print(sum(x for x, _ in pts), [y for _, y in pts])
print(list(map(sum, pts)))
a, *rest = (1, 2, 3)
print(a, rest)
