d = {(0, 0): "origin", (1, 2): "p"}
print(d[(0, 0)], d[1, 2])
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) == hash((2, 1)))
s = {(1, 2), (1, 2), (2, 1)}
print(len(s))
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
