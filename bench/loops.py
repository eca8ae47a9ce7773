# Integer while/for loops: the interpreter's dispatch and small-int fast paths.
total = 0
i = 0
while i < 1000000:
    total += i * 3 % 7
    i += 1

acc = 0
for j in range(1000000):
    if j & 1:
        acc += j
    else:
        acc -= j >> 1

count = 0
for a in range(1000):
    for b in range(1000):
        count += a ^ b
print(total, acc, count)
