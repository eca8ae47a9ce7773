y = isinstance(1, 5)
