a = [4, -2, 7, 0]
print(len(a), sum(a), max(a), min(a), sorted(a), any(a), all(a))
print(max(a, key=abs), min(a, key=lambda x: -x))
print(sum(a, 10), sum([[1], [2]], []))
print(list(zip(a, "abcd")))
print([i for i, v in enumerate(a) if v > 0])
