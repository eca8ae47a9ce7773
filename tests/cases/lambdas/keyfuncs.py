data = ["aaa", "b", "cc", "dddd", "ee"]
print(sorted(data, key=lambda s: (len(s), s)))
print(max(data, key=lambda s: s[-1]))
print(min(range(-5, 5), key=lambda v: (v - 2) ** 2))
