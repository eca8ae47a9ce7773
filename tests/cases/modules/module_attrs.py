import math
print(math.__name__)
print(hasattr(math, "sqrt"), hasattr(math, "nope"))
f = math.sqrt
print(f(9), getattr(math, "floor")(2.9))
print(__name__)
