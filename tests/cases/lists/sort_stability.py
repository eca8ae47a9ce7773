records = [("bob", 3), ("alice", 1), ("carol", 3), ("dave", 1), ("eve", 2), ("frank", 3)]
by_score = sorted(records, key=lambda r: r[1])
print(by_score)
print(sorted(records, key=lambda r: r[1], reverse=True))
x = sorted(records, key=lambda r: r[0])
x.sort(key=lambda r: -r[1])
print(x)
nums = [1, -1, 2, -2, 3, -3]
print(sorted(nums, key=abs))
print(sorted(nums, key=abs, reverse=True))
