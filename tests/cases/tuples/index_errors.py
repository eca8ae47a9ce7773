t = (1, 2, 3)
try:
    t[3]
except IndexError as e:
    print("IndexError:", e)
try:
    t.index(9)
except ValueError as e:
    print("ValueError:", e)
print(t[-3], t[5:], t[:-5])
