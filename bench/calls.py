# Function calls with positional, keyword and default arguments, *args and **kwargs.
def area(w, h=2, *, scale=1):
    return w * h * scale


def clamp(x, lo=0, hi=100):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def total(*args):
    s = 0
    for a in args:
        s += a
    return s


def describe(name, **opts):
    return len(name) + len(opts)


def compose(f, g):
    return lambda x: f(g(x))


inc_then_clamp = compose(clamp, lambda x: x + 1)
acc = 0
for i in range(200000):
    acc += area(i % 10)
    acc += area(w=3, h=i % 5, scale=2)
    acc += clamp(i - 50, hi=70)
    acc += total(i, 1, 2)
    acc += describe("abc", a=1, b=i)
    acc += inc_then_clamp(i % 120)
print(acc)
