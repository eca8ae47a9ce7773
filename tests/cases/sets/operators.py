a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(a <= b, {3} <= b, {3, 4} < b, b < b, b <= b, a >= {1}, a > a)
print(sorted(a.union(b, [9])), sorted(a.intersection(b, [4])), sorted(a.difference(b, [1])))
print(sorted(a.symmetric_difference(b)))
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint(b), a.isdisjoint({9}))
c = set(a)
c |= {10}
c &= {1, 2, 10, 11}
c -= {2}
c ^= {1, 7}
print(sorted(c))
