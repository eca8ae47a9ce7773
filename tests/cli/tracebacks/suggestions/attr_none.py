x = None
x.appendd
