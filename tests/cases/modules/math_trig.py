import math
# rounded: libm may differ in the last ulp between platforms
def r(v):
    return round(v, 12)
print(math.sin(0), math.cos(0), math.tan(0))
print(r(math.sin(math.pi / 2)), r(math.cos(math.pi)), r(math.tan(math.pi / 4)))
print(r(math.atan2(1, 1)), r(math.atan2(-1, -1)), r(math.atan2(0, -1)), math.atan2(0, 1))
print(math.degrees(math.pi), math.radians(180), r(math.degrees(1)))
print(r(math.asin(1)), math.acos(1), r(math.atan(1)))
print(r(math.sin(1)), r(math.cos(1)), r(math.tan(1)))
print(r(math.sin(-math.pi / 6)), r(math.cos(math.pi / 3)))
