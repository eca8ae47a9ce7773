log = []
def f(x):
    log.append(x)
    return x * 10
m = map(f, [1, 2, 3])
print(log)
print(next(m), log)
print(list(m), log)
print(list(m))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
print(list(map(pow, [2, 3], [3, 2])))
fl = filter(lambda x: x % 2, range(10))
print(next(fl), next(fl), list(fl))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(type(m).__name__, type(fl).__name__)
