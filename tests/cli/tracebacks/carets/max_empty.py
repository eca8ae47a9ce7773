y = max([])
