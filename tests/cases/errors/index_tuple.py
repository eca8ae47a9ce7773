t = (1,)
print(t[1])
