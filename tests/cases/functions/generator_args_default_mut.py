def counter(start=0):
    count = [start]
    def inc(step=1):
        count[0] += step
        return count[0]
    return inc
c = counter()
print(c(), c(), c(5))
d = counter(100)
print(d(), c())
