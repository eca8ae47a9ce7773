# Dict insert, lookup, update, iteration; counting words.
d = {}
for i in range(300000):
    d[i] = i * 2
hits = 0
for i in range(0, 600000, 2):
    if i in d:
        hits += d[i]

words = ("the quick brown fox jumps over the lazy dog and the cat " * 25000).split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1

keyed = {}
for i in range(100000):
    key = "k" + str(i % 5000)
    if key in keyed:
        keyed[key] += i
    else:
        keyed[key] = i
merged = dict(keyed)
merged.update({"k1": -1, "extra": 0})
total = sum(merged.values())
items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for k in list(d.keys())[:50000]:
    del d[k]
print(hits, items[:3], len(keyed), total, len(d))
