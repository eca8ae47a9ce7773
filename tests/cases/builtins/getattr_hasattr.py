class A:
    x = 1
    def __init__(self):
        self.y = 2
a = A()
print(getattr(a, "x"), getattr(a, "y"), getattr(a, "z", "default"), hasattr(a, "y"), hasattr(a, "z"))
setattr(a, "z", 3)
print(a.z, hasattr(a, "z"))
delattr(a, "z")
print(hasattr(a, "z"))
try:
    getattr(a, "nope")
except AttributeError as e:
    print("AttributeError:", e)
print(getattr("abc", "upper")())
print(hasattr([], "append"), hasattr(5, "real"))
