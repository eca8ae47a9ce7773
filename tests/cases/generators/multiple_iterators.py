def squares(n):
    for i in range(n):
        yield i * i
a = squares(4)
b = squares(4)
print(next(a), next(a), next(b))
print(list(zip(a, b)))
g = squares(3)
print(list(g), list(g))
it = iter(squares(2))
print(it is iter(it))
