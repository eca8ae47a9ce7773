import math
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10 ** 40), math.isqrt(2 ** 127))
print(math.factorial(0), math.factorial(20), math.factorial(30))
print(math.comb(5, 2), math.comb(52, 5), math.comb(100, 50), math.comb(3, 5))
print(math.perm(5, 2), math.perm(5), math.perm(10, 0))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod(range(1, 11)), math.prod([2.5, 2]), math.prod([3], start=2))
try:
    math.factorial(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.isqrt(-1)
except ValueError as e:
    print("ValueError:", e)
