print(ord("A"), ord("a"), ord("0"), ord(" "), ord("\n"), ord("€"))
print(chr(65), chr(97), chr(8364), repr(chr(0)), repr(chr(127)))
print("".join(chr(ord(c) + 1) for c in "HAL"))
print([ord(c) for c in "Zz"])
