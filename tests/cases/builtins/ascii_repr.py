print(ascii("abc"), ascii("é"), ascii("日本"), ascii("😀"), ascii(["ü", 1]))
print(repr(1), repr("a"), repr([1, "a"]), repr((1,)), repr({"k": None}))
print(ascii(b"\xff"), ascii(1.5))
