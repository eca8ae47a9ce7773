b = b"abc"
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    b[5]
except IndexError as e:
    print("IndexError:", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
try:
    b + "s"
except TypeError as e:
    print("TypeError:", e)
