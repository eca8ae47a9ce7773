y = len(5) + 1
