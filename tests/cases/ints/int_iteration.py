total = 0
i = 0
while i < 1000:
    total += i * i
    i += 1
print(total)
acc = 1
for k in range(1, 30):
    acc = acc * k % 1000000007
print(acc)
fib = [0, 1]
for _ in range(98):
    fib.append(fib[-1] + fib[-2])
print(fib[-1])
