x = None
y = (x +
     1)
