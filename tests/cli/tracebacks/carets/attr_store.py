x = None
x.foo = 1
