sq = lambda x: x * x
print(sq(5), (lambda: "no args")(), (lambda a, b=2: a + b)(1))
print((lambda *a, **k: (a, k))(1, 2, z=3))
print(sorted([(1, "b"), (2, "a")], key=lambda p: p[1]))
print(list(map(lambda s: s.upper(), ["a", "b"])))
print(list(filter(lambda n: n > 2, [1, 2, 3, 4])))
print((lambda x: (lambda y: x + y))(10)(5))
print(sq.__name__)
