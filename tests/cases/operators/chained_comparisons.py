def v(n):
    print("eval", n)
    return n
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1 == 1, 1 < 3 > 2)
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
x = 5
print(1 <= x <= 10, 10 <= x <= 1, x == 5 != 6)
print("a" < "b" < "c", [1] < [2] < [3])
print(1 < 2 in [True], 0 in [0] in [[0]])
