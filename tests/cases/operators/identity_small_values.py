a = None
b = None
print(a is b, True is (1 == 1), False is (1 == 2))
t1 = ()
t2 = ()
print(t1 == t2)
x = [1]
y = x
y.append(2)
print(x, x is y)
