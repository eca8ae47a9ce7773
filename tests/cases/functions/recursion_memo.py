cache = {}
def ways(n):
    if n < 0:
        return 0
    if n == 0:
        return 1
    if n in cache:
        return cache[n]
    r = ways(n - 1) + ways(n - 2) + ways(n - 3)
    cache[n] = r
    return r
print(ways(10), ways(50), ways(200))
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))
