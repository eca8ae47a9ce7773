t = (1,)
t.cont(1)
