f = lambda x: x / 0
y = f(1)
