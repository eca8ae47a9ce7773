def gen():
    yield 1
    yield 2
    yield 3
a, b, c = gen()
print(a, b, c)
x, *ys = (i * i for i in range(4))
print(x, ys)
k, v = {"only": 1}.popitem()
print(k, v)
(q, w), = {"ab": 1}
print(q, w)
