d = {}
d.key()
