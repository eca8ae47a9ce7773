x = range(3)
x.stat
