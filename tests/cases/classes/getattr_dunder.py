class Dyn:
    def __init__(self):
        self.real = "real attr"
    def __getattr__(self, name):
        if name.startswith("x_"):
            return name[2:].upper()
        raise AttributeError(f"no {name}")
d = Dyn()
print(d.real, d.x_hello, getattr(d, "x_yo"), hasattr(d, "x_a"), hasattr(d, "nope"))
try:
    d.nope
except AttributeError as e:
    print("AttributeError:", e)
class Rec:
    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value)
r = Rec()
r.a = 1
print(r.a)
