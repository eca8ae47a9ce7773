x = 5
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
a, b = 1, 2
del a, b
try:
    print(a)
except NameError as e:
    print("NameError:", e)
d = {"k": 1, "j": 2}
del d["k"]
print(d)
class C:
    attr = 1
c = C()
c.inst = 2
del c.inst
print(hasattr(c, "inst"), c.attr)
