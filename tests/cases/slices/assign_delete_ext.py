a = list(range(10))
a[1::3] = ["a", "b", "c"]
print(a)
del a[::4]
print(a)
a[::-1] = a[:]
print(a)
b = list(range(5))
b[3:1] = ["ins"]
print(b)
