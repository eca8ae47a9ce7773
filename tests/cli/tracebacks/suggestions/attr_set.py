s = set()
s.ad(1)
