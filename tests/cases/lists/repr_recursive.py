a = [1, 2]
a.append(a)
print(a)
print(len(a), a[2] is a)
b = {"k": []}
b["k"].append(b)
print(b)
