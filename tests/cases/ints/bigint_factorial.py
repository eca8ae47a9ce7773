f = 1
for i in range(1, 51):
    f *= i
print(f)
print(f % 1000003)
print(str(f)[:10], len(str(f)))
n = 0
while f % 10 == 0:
    f //= 10
    n += 1
print(n)
