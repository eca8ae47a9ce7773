a = [1]
b = a
a += [2]
print(a, b, a is b)
a = a + [3]
print(a, b, a is b)
t = (1,)
u = t
t += (2,)
print(t, u, t is u)
n = 5
m = n
n += 1
print(n, m)
