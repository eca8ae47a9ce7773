x = None
while x.y:
    pass
