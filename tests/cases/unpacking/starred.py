first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
a, *mid, z = range(6)
print(a, mid, z)
a, *mid, z = [1, 2]
print(a, mid, z)
*everything, = (1, 2)
print(everything)
head, *tail = "x"
print(head, tail)
(a, *b), c = [1, 2, 3], 4
print(a, b, c)
