t = 0.0
for i in range(10):
    t += 0.1
print(t)
print(t == 1.0)
s = 0.0
for i in range(1, 1001):
    s += 1.0 / i
print(s)
p = 1.0
for i in range(20):
    p *= 1.5
print(p)
print(1.0 - 0.9)
print(0.1 * 3)
