def noisy(n):
    for i in range(n):
        print("yield", i)
        yield i
g = (v * 10 for v in noisy(3))
print("made")
print(next(g))
print(list(g))
