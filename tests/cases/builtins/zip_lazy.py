z = zip([1, 2, 3], "abcd")
print(next(z))
print(list(z))
print(list(z))
print(list(zip()), list(zip([1])), list(zip([1, 2], [3, 4], [5, 6])))
def g():
    i = 0
    while True:
        yield i
        i += 1
print(list(zip(g(), "xyz")))
print(dict(zip("abc", range(3))))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError:", e)
