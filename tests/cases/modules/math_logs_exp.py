import math
# Transcendental results are rounded to 12 places: libm implementations may
# differ in the last ulp (native vs wasm); exact cases are printed as-is.
def r(v):
    return round(v, 12)
print(math.log(math.e), math.log(1), r(math.log(100, 10)), r(math.log(8, 2)))
print(math.log2(1024), r(math.log2(3)), math.log10(1000), r(math.log10(2)))
print(math.exp(0), r(math.exp(1)), r(math.exp(-1)))
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(4, -1))
print(r(math.log(2 ** 100)), math.log10(10 ** 50), math.log2(2 ** 200))
print(r(math.log(10)), r(math.log(0.5)))
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
