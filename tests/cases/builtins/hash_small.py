print(hash(0), hash(1), hash(-1), hash(-2), hash(12345), hash(True), hash(False))
print(hash(1.0), hash(2.5) == hash(2.5), hash(0.0))
print(hash(None) == hash(None))
try:
    hash([])
except TypeError as e:
    print("TypeError:", e)
try:
    hash({})
except TypeError as e:
    print("TypeError:", e)
