d = {"b": 2, "a": 1, "c": 3}
print(len(d), sorted(d), max(d), min(d), sum(d.values()))
print(max(d, key=d.get), sorted(d, key=d.get, reverse=True))
print(list(zip(d, d.values())))
print(any(d), all({0: 1}), bool({}))
print(dict(sorted(d.items())))
print(list(map(lambda kv: kv[0] * kv[1], d.items())))
