print(sorted(set((3, 1, 2))), sorted(set({"b": 1, "a": 2})), sorted(set(range(3, 0, -1))))
print(sorted(set("aabbc")), sorted(set(b"hello")))
print(sorted(set([1, 2]).union("ab"), key=str))
