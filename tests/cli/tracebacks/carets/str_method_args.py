y = "a".join([1, 2])
