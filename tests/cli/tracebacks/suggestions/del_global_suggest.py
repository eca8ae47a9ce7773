nope = 1
del nop
