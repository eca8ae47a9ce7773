a, b = c, d = 1, 2
print(a, b, c, d)
x = [1, 2, 3]
x[0], x[1:] = "a", ["b"]
print(x)
class T:
    pass
t = T()
t.a, t.b = 1, 2
print(t.a, t.b)
