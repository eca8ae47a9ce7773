squares = [x * x for v i in range(10)]
