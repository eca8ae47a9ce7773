a = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
print(a.index(1), a.index(5), a.index(5, 5), a.index(5, 5, 9))
print(a.count(5), a.count(7), [[1], [1]].count([1]))
try:
    a.index(42)
except ValueError as e:
    print("ValueError:", e)
print([1, 1.0, True].count(1))
