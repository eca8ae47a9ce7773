a = [1, 2, 3]
a.reverse()
print(a)
b = a.copy()
b.append(4)
print(a, b)
c = a[:]
c[0] = 99
print(a, c)
nested = [[1], [2]]
shallow = nested.copy()
shallow[0].append("x")
print(nested)
print(list(reversed(a)), a)
print(list(a) is a, list(a) == a)
