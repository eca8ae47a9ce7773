n = None
v = n[1:2]
