x = 10
f = lambda: x
x = 20
print(f())
g = lambda x=x: x
x = 30
print(g(), g(1))
