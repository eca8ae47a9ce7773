b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1])
print(type(b[0]).__name__, type(b[0:1]).__name__)
print(list(b))
print(b + b" world", b * 2)
print(b"ell" in b, 104 in b, b"z" in b)
print(b == b"hello", b < b"help", b"" < b"a")
print(bytes(3), bytes([65, 66, 67]), bytes("hé", "utf-8"), bytes(range(3)))
print(bytes(), repr(bytes()))
