print(max(1, 5, 3), min(1, 5, 3), max([2, 8]), min("bca"), max("apple", "pear"))
print(max([], default="empty"), min([], default=None))
print(max([1, -9, 3], key=abs), min(["aa", "b", "ccc"], key=len))
print(max([(1, "a"), (1, "b")]), max([3, 3.0]), max([3.0, 3]))
print(max([1, 5, 5], key=lambda x: -x), min(iter([4, 2, 8])))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
try:
    min(1)
except TypeError as e:
    print("TypeError:", e)
