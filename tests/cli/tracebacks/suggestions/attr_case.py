x = "a"
x.Upper()
