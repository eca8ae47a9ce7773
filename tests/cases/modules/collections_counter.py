from collections import Counter
c = Counter('abracadabra')
print(c)
print(c.most_common(3), c.most_common(), c.most_common(0), c.most_common(-1))
print(c['a'], c['zzz'], 'zzz' in c)
c.update('aaz')
print(c)
c.update({'a': 10, 'q': 2})
print(c)
c.subtract(a=20, b=1)
print(c)
print(sorted(c.elements()))
print(c.total())
d = Counter(a=3, b=1)
e = Counter(a=1, b=2, c=5)
print(d + e, d - e, e - d, d | e, d & e)
print(+Counter(a=-1, b=2), -Counter(a=-1, b=2))
print(Counter(), repr(Counter()))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {'a': 1}, Counter(a=1) <= Counter(a=2))
print(Counter(a=1) < Counter(a=1), Counter(a=1) >= Counter())
x = Counter(a=3)
x += Counter(a=-5, b=2)
print(x)
x -= Counter(b=1)
print(x)
words = "the quick brown fox jumps over the lazy dog the end".split()
cnt = Counter(words)
for w, n in cnt.most_common(2):
    print(w, n)
print(isinstance(cnt, dict), type(cnt).__name__)
del cnt['nothere']
del cnt['the']
print(cnt.most_common(1))
try:
    Counter.fromkeys('abc')
except NotImplementedError as ex:
    print(ex)
print(Counter([1, 2, 2, 3, 3, 3]).most_common(1)[0][0])
print(Counter({'x': 2, 'y': 5}))
print(sum(Counter('hello').values()), list(Counter('hello').keys()))
cc = Counter(a=2).copy()
print(cc, type(cc).__name__)
class Tally(Counter):
    pass
t = Tally('aab')
print(t, t.most_common(1))
try:
    Counter(1, 2)
except TypeError as ex:
    print(ex)
try:
    Counter(5)
except TypeError as ex:
    print(ex)
