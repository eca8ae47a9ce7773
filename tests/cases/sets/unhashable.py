try:
    {[1, 2]}
except TypeError as e:
    print("TypeError:", e)
try:
    s = set()
    s.add({})
except TypeError as e:
    print("TypeError:", e)
print({(1, 2)} == {(1, 2)})
