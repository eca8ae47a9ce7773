a = [1, 2, 3, 4]
for x in a[:]:
    if x % 2 == 0:
        a.remove(x)
print(a)
b = [1, 2, 3]
i = 0
while i < len(b):
    if b[i] == 2:
        b.insert(i, 0)
        i += 1
    i += 1
print(b)
