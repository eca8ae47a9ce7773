import math
print(math.pi, math.e, math.tau)
print(math.inf, -math.inf, math.isnan(math.nan))
print(math.sqrt(16), math.sqrt(2), math.sqrt(0.25))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.floor(7), math.ceil(7.0001))
print(type(math.sqrt(4)).__name__, type(math.floor(2.0)).__name__)
