a = list(range(10))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(5)
print(a)
try:
    a.remove(99)
except ValueError as e:
    print("ValueError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].pop(5)
except IndexError as e:
    print("IndexError:", e)
b = [1, 2, 1, 2]
b.remove(2)
print(b)
b.clear()
print(b, len(b))
