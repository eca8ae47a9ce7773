a = [1, [2, 3], "x", (4,)]
print([2, 3] in a, (4,) in a, "x" in a, 4 in a)
b = ["-"] * 4
b[1] = "+"
print(b)
print([1, 2] * 0, [1, 2] * -1)
c = [0]
c *= 3
print(c)
