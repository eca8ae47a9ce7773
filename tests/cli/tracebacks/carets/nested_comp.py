y = [[a / b for a in [1]] for b in [0]]
