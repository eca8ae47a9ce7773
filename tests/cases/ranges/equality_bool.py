print(range(0) == range(5, 5), range(0, 3) == range(3), range(0, 10, 3) == range(0, 12, 3))
print(bool(range(0)), bool(range(1)))
print(list(range(-5, 5, 4)), list(range(-1, -5, -1)))
print(sum(range(1, 101)), max(range(7)), min(range(3, 9)))
