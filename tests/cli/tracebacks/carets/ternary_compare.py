x = 1
y = None.a if x == 1 else 2
