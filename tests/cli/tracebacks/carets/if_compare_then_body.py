x = 1
if x == 1: y = None.a
