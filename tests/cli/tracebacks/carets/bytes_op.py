y = b"a" + "b"
