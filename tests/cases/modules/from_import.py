from math import sqrt, pi, floor as fl
print(sqrt(81), round(pi, 5), fl(3.7))
from math import gcd, lcm
print(gcd(12, 18), gcd(0, 0), gcd(-4, 6), gcd(12, 18, 27), lcm(4, 6), lcm(3, 5, 7))
import math as m
print(m.factorial(5))
