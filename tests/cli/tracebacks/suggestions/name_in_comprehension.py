items = [1]
print([itm for it in items])
