sq = {x: x * x for x in range(6)}
print(sq)
print({k: v for k, v in sq.items() if v % 2 == 0})
words = ["apple", "banana", "avocado", "cherry", "blueberry"]
by_letter = {}
for w in words:
    by_letter.setdefault(w[0], []).append(w)
print(by_letter)
print({w: len(w) for w in words})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
