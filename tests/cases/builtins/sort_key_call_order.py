# The key function is called once per item, in the list's order, also with
# reverse=True (the list is reversed after the keys are computed); equal keys
# keep their order (stable) both ways.
calls = []


def key(x):
    calls.append(x)
    return x % 3


items = [5, 1, 4, 2, 3, 6]
print(sorted(items, key=key), calls)
calls.clear()
print(sorted(items, key=key, reverse=True), calls)
calls.clear()
items.sort(key=key, reverse=True)
print(items, calls)
print(sorted(["b", "a", "B", "A"], key=str.lower, reverse=True))
print(sorted([(1, "x"), (0, "y"), (1, "z")], key=lambda p: p[0], reverse=True))
