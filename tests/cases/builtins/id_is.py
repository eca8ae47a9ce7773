a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), a is b, a is not c, a == c)
x = None
print(x is None, id(None) == id(None))
