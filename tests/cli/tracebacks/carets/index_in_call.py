l = []
print(l[0])
