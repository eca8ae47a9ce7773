l = []
del l[0]
