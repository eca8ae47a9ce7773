s = {10, 20, 30}
total = 0
for x in s:
    total += x
print(total, sum(s), max(s), min(s), sorted(s, reverse=True))
print(sorted(map(str, s)))
print(any(x > 25 for x in s), all(x > 5 for x in s))
