print({0, 1, 2, 3})
print(set(range(5)))
print({1, 2} | {3})
print(frozenset({0, 1}))
