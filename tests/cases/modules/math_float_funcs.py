import math
print(math.fabs(-3), math.fabs(2.5), math.copysign(3, -0.0), math.copysign(-2, 1))
print(math.isfinite(1.0), math.isfinite(math.inf), math.isinf(-math.inf), math.isinf(1e308), math.isnan(float("nan")))
print(math.hypot(3, 4), math.hypot(5, 12), math.hypot(1, 1))
print(math.fmod(7, 3), math.fmod(-7, 3), -7 % 3)
print(math.modf(3.25), math.modf(-1.5))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1))
print(math.floor(1e300) > 0, math.ceil(-0.5))
