for k in {"a": 1, "b": 2}:
    print(k, end=" ")
print()
for k, v in {"a": 1}.items():
    print(k, v)
for c in "hi":
    print(c)
for b in b"AB":
    print(b)
for x, y in [(1, 2), (3, 4)]:
    print(x + y)
for x in (i * i for i in range(3)):
    print(x)
for i, (a, b) in enumerate([("p", "q")]):
    print(i, a, b)
