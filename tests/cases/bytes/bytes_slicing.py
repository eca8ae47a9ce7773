b = bytes(range(10))
print(b[2:5], b[::3], b[-3:], b[5:2:-1], b[100:])
print(b[1:9:2][1:3])
print(bytearray(b"abcdef")[1::2])
