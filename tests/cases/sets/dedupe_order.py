items = [5, 3, 5, 1, 3, 9, 1]
seen = set()
out = []
for x in items:
    if x not in seen:
        seen.add(x)
        out.append(x)
print(out)
print(list(dict.fromkeys(items)))
print(sorted(set(items)), len(set(items)))
