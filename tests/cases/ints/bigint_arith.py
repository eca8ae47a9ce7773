a = 2 ** 100
print(a)
print(a + 1, a - 1)
print(a * a)
print(a // 3, a % 3)
print(-a)
print(3 ** 200)
b = 123456789012345678901234567890
print(b * b)
print(b // 987654321, b % 987654321)
print(a > b, a < b, a == 2 ** 100)
print(a - a, (a + b) - b == a)
print(10 ** 50 // 10 ** 48)
print(len(str(2 ** 1000)))
