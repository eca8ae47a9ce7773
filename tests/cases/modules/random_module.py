# The random module seeded: CPython's Mersenne Twister and Lib/random.py
# algorithms give the same numbers (floats from libm functions rounded, as
# the C libraries may differ in the last bit).
import random
random.seed(42)
print(random.random(), random.random())
print(random.randint(1, 100), random.randrange(10), random.randrange(5, 50, 5), random.randrange(50, 5, -3))
print(random.choice('abcdefg'), random.choice([10, 20, 30]), random.getrandbits(5), random.getrandbits(70), random.getrandbits(0))
xs = list(range(20))
random.shuffle(xs)
print(xs)
print(random.sample(range(100), 5), random.sample(['a', 'b', 'c', 'd'], 4), random.sample(range(10**6), 3))
print(random.choices('xyz', k=5), random.choices([1, 2, 3], weights=[10, 1, 1], k=6), random.choices('ab', cum_weights=[1, 5], k=4))
print(round(random.uniform(1, 10), 12), round(random.triangular(0, 10, 3), 12), round(random.gauss(0, 1), 12), round(random.gauss(5, 2), 12))
print(round(random.normalvariate(0, 1), 12), round(random.expovariate(1.5), 12), round(random.lognormvariate(0, 1), 12))
print(round(random.paretovariate(3), 12), round(random.weibullvariate(1, 2), 12), random.randbytes(5))
random.seed(0)
a = [random.random() for _ in range(3)]
random.seed(0)
print(a == [random.random() for _ in range(3)])
r = random.Random(123)
print(r.random(), r.randint(0, 10 ** 6), type(r).__name__, isinstance(r, random.Random))
s = r.getstate()
x1 = r.random()
r.setstate(s)
print(r.random() == x1, s[0], len(s[1]))
random.seed(-42)
print(random.random())
random.seed(2 ** 100 + 7)
print(random.random())
random.seed(3.5)
print(random.random())
random.seed(True)
print(random.random(), random.sample(['a', 'b', 'c'], k=5, counts=[1, 2, 3]))
for bad in [lambda: random.choice([]), lambda: random.randrange(0), lambda: random.randrange(5, 5), lambda: random.randrange(1, 10, 0),
            lambda: random.sample({1, 2}, 1), lambda: random.sample([1, 2], 3), lambda: random.getrandbits(-1),
            lambda: random.choices([1, 2], [1], k=1), lambda: random.choices([1], 3), lambda: random.choices([1, 2], weights=[0, 0]),
            lambda: random.randint(1), lambda: random.Random().setstate((2, (), None))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
