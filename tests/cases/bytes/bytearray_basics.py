ba = bytearray(b"abc")
print(ba, len(ba))
ba.append(100)
ba.extend(b"ef")
print(ba)
ba[0] = 65
print(ba, ba[0])
ba[1:3] = b"XYZ"
print(ba)
del ba[0]
print(ba)
print(ba.pop(), ba)
ba.insert(0, 33)
print(ba, bytes(ba))
print(bytearray(3), bytearray([1, 2]))
ba.reverse()
print(ba)
print(ba + b"!", ba * 2)
print(bytearray(b"hi") == b"hi")
