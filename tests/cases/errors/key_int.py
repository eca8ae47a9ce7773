d = {1: "x"}
print(d[2])
