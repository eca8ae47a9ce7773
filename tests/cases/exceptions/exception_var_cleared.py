try:
    raise ValueError("x")
except ValueError as e:
    print("in handler", e)
try:
    print(e)
except NameError as ne:
    print("NameError:", ne)
e = "rebound"
print(e)
