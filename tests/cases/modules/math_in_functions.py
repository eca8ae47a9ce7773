import math
def circle_area(r):
    return math.pi * r * r
def dist(p, q):
    return math.sqrt((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2)
print(f"{circle_area(2):.4f}", dist((0, 0), (3, 4)), f"{dist((1, 1), (2, 3)):.6f}")
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, math.isqrt(n) + 1):
        if n % d == 0:
            return False
    return True
print([n for n in range(50) if is_prime(n)])
print(math.gcd(*[84, 126, 210]))
