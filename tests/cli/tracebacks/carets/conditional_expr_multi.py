x = None
y = (1
     if x.a
     else 2)
