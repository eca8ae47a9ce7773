def f(x: int, y: "str" = "d") -> list:
    return [x, y]
print(f(1), f(2, "e"))
print(f.__annotations__)
z: int = 5
print(z)
w: list
try:
    print(w)
except NameError as e:
    print("NameError:", e)
