print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted("hello"), sorted({2: 0, 1: 0}))
print(sorted([[2], [1, 5], [1]]), sorted([], key=len))
print(sum([1, 2, 3]), sum([]), sum([1.5, 2.5]), sum([[1], [2]], []), sum(range(5), 100), sum([0.1] * 3))
print(sum((x for x in range(4)), start=10))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
