def f(a, b, c):
    return a * 100 + b * 10 + c
print(f(*[1, 2, 3]), f(1, *(2, 3)), f(*"abc".encode()[:0], 1, 2, 3))
print(f(**{"a": 1, "b": 2, "c": 3}), f(1, **{"c": 3, "b": 2}))
print(f(*range(3)))
print(max(*[4, 9, 2]), print(*[], sep=","))
