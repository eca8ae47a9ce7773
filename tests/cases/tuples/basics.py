t = (1, "a", 2.5, None)
print(t, len(t), t[1], t[-1], t[1:3], t[::-1])
print((), (1,), 1, (1))
print(type(()).__name__, type((1,)).__name__)
x = 1, 2, 3
print(x)
print(t.count(1), t.index("a"), (1, 2, 1).count(1))
print((1, 2) + (3,), (0,) * 3)
print(tuple([1, 2]), tuple("ab"), tuple(), tuple(range(3)))
