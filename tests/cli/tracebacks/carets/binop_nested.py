def f(a, b, c):
    return a * 2 + b - c
f(1, 2, "z")
