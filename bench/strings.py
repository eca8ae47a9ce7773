# String building, join, methods and f-strings.
words = []
for i in range(100000):
    words.append(f"item{i:05d}-{i % 7}")

joined = ",".join(words)
parts = joined.split(",")
upper = [w.upper() for w in parts if w.endswith("-3")]
replaced = joined.replace("item", "it")

s = ""
for i in range(100000):
    s += str(i % 10)

checksum = 0
for w in parts[:80000]:
    checksum += len(w.strip("i")) + w.find("-") + w.count("0")
    if w.startswith("item0001"):
        checksum += 1

text = " ".join(f"{n!r}:{n * 1.5:.2f}" for n in range(40000))
print(len(joined), len(upper), len(replaced), len(s), checksum, len(text), upper[-1], s[-12:])
