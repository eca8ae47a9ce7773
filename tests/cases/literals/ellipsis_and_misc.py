print(...)
print(Ellipsis is ...)
x = [1, ..., 3]
print(x)
print(repr(...))
print(bool(...))
