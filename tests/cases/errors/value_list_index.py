print(10 ** 20)
x = [1, 2, 3]
print(x.index(4))
