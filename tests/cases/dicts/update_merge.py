a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a)
c = dict(a)
c |= b
print(c)
a.update(b)
print(a)
a.update([("w", 0)], q=9)
print(a)
a.update(x=100)
print(a)
