i = 0
while i < 3:
    print("loop", i)
    i += 1
else:
    print("else ran, i =", i)
j = 0
while True:
    j += 1
    if j == 4:
        break
else:
    print("never")
print("j =", j)
n = 10
while n:
    n -= 3
    if n < 0:
        break
print(n)
