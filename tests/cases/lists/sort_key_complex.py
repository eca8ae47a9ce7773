people = [{"name": "Ann", "age": 30}, {"name": "bob", "age": 25}, {"name": "Cid", "age": 30}]
for p in sorted(people, key=lambda p: (-p["age"], p["name"].lower())):
    print(p["name"], p["age"])
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(set(words), key=lambda w: (len(w), w)))
print(sorted(range(-5, 6), key=lambda x: (x % 3, -x)))
