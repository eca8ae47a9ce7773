for i in range(5):
    pass
print(i)
for ch in "":
    pass
try:
    print(ch)
except NameError as e:
    print("NameError:", e)
x = [j * 2 for j in range(3)]
try:
    print(j)
except NameError as e:
    print("NameError:", e)
