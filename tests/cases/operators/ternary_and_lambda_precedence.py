f = lambda x: x + 1 if x > 0 else x - 1
print(f(1), f(-1))
print([x for x in range(5) if x % 2 or x == 0])
print(1 if 0 else 2 if 0 else 3)
print((lambda: 1 or 2)(), (lambda: 0 and 2)())
