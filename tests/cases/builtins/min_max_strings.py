print(max("abc", "abd", "ab"), min(["b", "a", "B"]), max(["10", "9"]), max([10, 9]))
print(min([[1, 2], [1], [0, 9]]), max((1, 2), (1, 2, 0)))
print(min("hello world".split(), key=len), max("hello world foo".split(), key=len))
