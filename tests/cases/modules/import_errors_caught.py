try:
    from math import does_not_exist
except ImportError as e:
    print("ImportError", type(e).__name__, "does_not_exist" in str(e))
import math
try:
    math.nope
except AttributeError as e:
    print("AttributeError:", e)
