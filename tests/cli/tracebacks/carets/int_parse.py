y = int("abc")
