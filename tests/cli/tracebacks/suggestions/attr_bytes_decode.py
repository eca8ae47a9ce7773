x = b"a"
x.decod()
