print(len(3.5))
