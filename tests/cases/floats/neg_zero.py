z = -0.0
print(z, repr(z), str(z), abs(z))
print(z == 0, 0.0 * -1, -0.0 + 0.0)
print(f"{z}", f"{z:.1f}", round(-0.4), round(-0.4, 1))
import math
print(math.copysign(1, z), math.copysign(1, 0.0))
