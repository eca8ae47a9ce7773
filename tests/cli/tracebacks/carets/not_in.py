y = 1 not in 3
