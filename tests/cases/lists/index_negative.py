a = ["a", "b", "c"]
print(a[-1], a[-3], a[0])
a[-1] = "z"
print(a)
try:
    a[3]
except IndexError as e:
    print("IndexError:", e)
try:
    a[-4] = 1
except IndexError as e:
    print("IndexError:", e)
try:
    a["0"]
except TypeError as e:
    print("TypeError:", e)
print(a[True], a[False])
