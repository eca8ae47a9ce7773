a = b = c = 0
print(a, b, c)
x = y = []
x.append(1)
print(y, x is y)
p, q = r = (1, 2)
print(p, q, r)
i = 0
lst = [10, 20]
i = lst[i] = 1
print(i, lst)
