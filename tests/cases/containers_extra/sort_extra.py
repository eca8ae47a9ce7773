def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

data = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b'), (2, 'c'), (1, 'c')]
print(sorted(data, key=lambda p: p[0]))
print(sorted(data, key=lambda p: p[0], reverse=True))
print(sorted(data, reverse=True))
words = ['banana', 'Apple', 'cherry', 'apple', 'Banana', 'date']
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
nums = [5, 2.5, -1, 3, 2, 10**20, -10**20, 0.1, True]
print(sorted(nums), sorted(nums, reverse=True))
big = [(i * 7919) % 1000 for i in range(1000)]
s = sorted(big)
print(s[:10], s[-5:], s == sorted(s), len(s))
print(sorted(range(100, 0, -1))[:5], sorted(['b', 'a', 'é', 'z', 'A']))
print(sorted([3.5, float('inf'), -0.0, 0.0, -float('inf')]))
l = [3, 1, 2]
print(l.sort(), l)
l.sort(reverse=1); print(l)
show(lambda: [1, 'a'].sort())
show(lambda: sorted([1, 'a', 2]))
show(lambda: [3, 2].sort(key=1))
show(lambda: [1].sort(1))
show(lambda: [1].sort(foo=1))
show(lambda: [1].sort(key=None, reverse=None))
def mutate():
    l = [3, 1, 2]
    l.sort(key=lambda v: l.append(v) or v)
    return l
show(mutate)
def during():
    l = [3, 1, 2]
    seen = []
    def k(v):
        seen.append(len(l))
        return v
    l.sort(key=k)
    return l, seen
show(during)
def failing():
    l = [5, 4, 3, 2, 1, 'x', 0]
    try:
        l.sort()
    except TypeError as e:
        print('err', e)
    return sorted(l, key=str)
show(failing)
class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return 'K(%r)' % self.v
print(sorted([K(3), K(1), K(2)]), max([K(3), K(1)]), min([K(3), K(1)]))
print(sorted([[2, 1], [1, 2], [1], []]), sorted([(1, 2), (1,), (0, 5)]))
