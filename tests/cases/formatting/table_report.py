data = [("Alice", 93.5, 12), ("Bob", 78.25, 7), ("Christina", 88.0, 130)]
header = "{:<10} {:>8} {:>5}".format("Name", "Score", "N")
print(header)
print("-" * len(header))
for name, score, n in data:
    print("{:<10} {:>8.2f} {:>5d}".format(name, score, n))
print("-" * len(header))
avg = sum(s for _, s, _ in data) / len(data)
print("{:<10} {:>8.3f} {:>5d}".format("avg", avg, sum(n for *_, n in data)))
print("%-10s %8.2f %5d" % ("pct", 12.345, 1))
