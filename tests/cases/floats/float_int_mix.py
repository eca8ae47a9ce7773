print(1 + 2.0, 3 * 1.5, 10 - 0.5, 2 ** 3.0)
print(type(1 + 2.0).__name__)
print(sum([0.1] * 10))
print(sum([1, 2.5, 3]))
print(1e0 + 10 ** 15)
print(7 // 2.0, 7 % 2.5)
print(float(2 ** 60))
print(int(2.0 ** 60))
x = 1
x += 0.5
print(x)
