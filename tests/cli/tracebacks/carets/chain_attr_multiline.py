class B:
    pass
b = B()
b.a = b
x = (b
     .a
     .zz)
