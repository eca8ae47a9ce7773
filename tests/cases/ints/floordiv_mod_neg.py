for a in (7, -7):
    for b in (2, -2):
        print(a, b, a // b, a % b, divmod(a, b))
print(0 // 5, 0 % 5, -0 // 3)
print(-1 // 10, -1 % 10)
print(13 % -5, -13 % 5, -13 % -5)
print(10 ** 20 // -3, 10 ** 20 % -3)
print(-(10 ** 20) // 7, -(10 ** 20) % 7)
