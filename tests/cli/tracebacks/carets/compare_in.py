y = 1 in 5
