y = min()
