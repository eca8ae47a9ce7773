a = 3 ** 150
b = 7 ** 90
p = a * b
print(p)
print(p // a == b, p % a)
print(p // b == a)
q, r = divmod(p + 12345, b)
print(q == a, r)
print((10 ** 40 + 1) * (10 ** 40 - 1))
print(-(10 ** 40) // 3, -(10 ** 40) % 3)
print(10 ** 40 // -(10 ** 20 + 1))
