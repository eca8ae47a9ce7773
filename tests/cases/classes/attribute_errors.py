class A:
    def __init__(self):
        self.x = 1
a = A()
try:
    a.y
except AttributeError as e:
    print("AttributeError:", e)
try:
    A.z
except AttributeError as e:
    print("AttributeError:", e)
try:
    a.method()
except AttributeError as e:
    print("AttributeError:", e)
try:
    del a.nothing
except AttributeError as e:
    print("AttributeError")
