a, b, c, d, e = 1, 2, "x", 3, 4
y = a + b + c + d + e
