s = set()
s.update(5)
