print(sorted({c.lower() for c in "Hello World" if c.isalpha()}))
print({x * x for x in range(5)} == {0, 1, 4, 9, 16})
words = ["a", "bb", "cc", "ddd"]
print(sorted({len(w) for w in words}))
