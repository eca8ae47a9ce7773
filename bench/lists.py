# List append, comprehensions, sort, slicing, indexing.
xs = []
for i in range(300000):
    xs.append((i * 7919) % 100003)

squares = [x * x for x in xs if x % 3 == 0]
pairs = [(x, -x) for x in xs[:50000]]
ys = sorted(xs)
xs.sort(reverse=True)
chunks = [ys[i:i + 100] for i in range(0, len(ys), 100)]
rev = ys[::-1]
total = 0
for i in range(0, len(ys), 3):
    total += ys[i] - rev[i]
nested = [[j for j in range(i % 10)] for i in range(20000)]
flat = [v for row in nested for v in row]
print(len(squares), sum(squares) % 1000007, pairs[123], ys[:5], xs[:3], len(chunks), total,
      len(flat), max(flat), min(ys), ys.index(500), flat.count(3))
