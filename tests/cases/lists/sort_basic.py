a = [5, 2, 9, 1, 5, 6]
a.sort()
print(a)
a.sort(reverse=True)
print(a)
words = ["pear", "Apple", "fig", "banana", "kiwi"]
print(sorted(words), sorted(words, key=len), sorted(words, key=str.lower))
print(sorted(words, key=len, reverse=True))
print(sorted([3, 1, 2], reverse=True))
print(a.sort() is None)
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1, "a")]))
print(sorted([[3, 1], [2], [3, 0, 1], []]))
print(sorted([]), sorted("cba"), sorted((3, 2, 1)))
