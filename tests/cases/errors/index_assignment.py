a = [0] * 3
a[1] = 1
print(a)
a[3] = 3
