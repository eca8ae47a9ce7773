y = "abc".index("z")
