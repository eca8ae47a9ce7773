print(hash(1.0) == hash(1), hash(0.0) == hash(-0.0), hash(2.5) == hash(2.5))
d = {1: 'int'}
d[1.0] = 'float'
print(d)
s = {1, 1.0, True}
print(len(s))
print(float(1) in {1: 0})
