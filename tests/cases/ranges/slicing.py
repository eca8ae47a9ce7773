r = range(100)
print(r[10:20], r[10:20:3], r[::-10], r[-5:])
print(list(range(10)[2:8:2]))
print(range(1, 10)[::2][1])
