def minmax(xs):
    return min(xs), max(xs)
lo, hi = minmax([3, 9, 1])
print(lo, hi, minmax([5]))
def multi():
    return 1, (2, 3), [4]
a, (b, c), [d] = multi()
print(a, b, c, d)
