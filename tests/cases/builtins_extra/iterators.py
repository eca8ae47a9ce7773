def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)

t(lambda: list(enumerate('abc')))
t(lambda: list(enumerate('ab', 5)))
t(lambda: list(enumerate('ab', start=-1)))
t(lambda: list(enumerate('ab', start=2**63 - 1)))
t(lambda: list(enumerate('ab', start=10**20)))
t(lambda: enumerate(1))
t(lambda: enumerate([], 'a'))
t(lambda: enumerate([], start=1.5))
t(lambda: list(zip()))
t(lambda: list(zip('ab', [1, 2, 3])))
t(lambda: list(zip('abc', range(3), (True, False, None))))
t(lambda: list(zip('ab', [1, 2], strict=True)))
t(lambda: list(zip([1, 2], [1], strict=True)))
t(lambda: list(zip([1], [1, 2], strict=True)))
t(lambda: list(zip([1], [1], [1, 2], strict=True)))
t(lambda: list(zip([1, 2], [1, 2], [1], strict=True)))
t(lambda: zip(x=1))
t(lambda: zip(1))
t(lambda: list(map(abs, [-1, 2, -3])))
t(lambda: list(map(pow, [2, 3], [3, 2, 9])))
t(lambda: list(map(lambda a, b, c: a + b + c, 'ab', 'cd', 'ef')))
t(lambda: map(abs))
t(lambda: map(abs, [1], x=1))
t(lambda: map(abs, 1))
t(lambda: list(filter(None, [0, 1, '', 'a', [], [0]])))
t(lambda: list(filter(bool, [0, 1, ''])))
t(lambda: list(filter(lambda x: x % 2, range(10))))
t(lambda: filter(1))
t(lambda: filter(None, [], x=1))
t(lambda: list(reversed([1, 2, 3])))
t(lambda: list(reversed((1, 2, 3))))
t(lambda: list(reversed('héllo')))
t(lambda: list(reversed('abc')))
t(lambda: list(reversed(b'abc')))
t(lambda: list(reversed(range(1, 10, 3))))
t(lambda: list(reversed(range(10, 0, -4))))
t(lambda: list(reversed(range(0))))
t(lambda: list(reversed({'a': 1, 'b': 2})))
t(lambda: list(reversed({'a': 1, 'b': 2}.values())))
t(lambda: list(reversed({'a': 1, 'b': 2}.items())))
t(lambda: reversed(1))
t(lambda: reversed({1}))
t(lambda: reversed())
t(lambda: reversed([], x=1))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
class Rev:
    def __reversed__(self):
        return iter('zyx')
class OnlyGet:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * i
t(lambda: list(reversed(Seq())))
t(lambda: list(reversed(Rev())))
t(lambda: list(OnlyGet()))
t(lambda: reversed(OnlyGet()))
t(lambda: [type(x).__name__ for x in (iter([]), iter(()), iter(''), iter(b''), iter(range(1)), iter({}), iter({}.values()), iter({}.items()), iter(set()), reversed([]), reversed(range(2)))])
t(lambda: [type(x).__name__ for x in (enumerate([]), zip(), map(abs, []), filter(None, []), reversed(()))])
it = iter([1, 2, 3])
t(lambda: iter(it) is it)
t(lambda: (next(it), next(it), next(it), next(it, 'end')))
t(lambda: next(it))
t(lambda: next([]))
t(lambda: next(iter([]), None))
t(lambda: iter(1))
t(lambda: iter(1, 2))
stack = [1, 2, 3, 0, 4]
t(lambda: list(iter(stack.pop, 0)))
t(lambda: stack)
n = [0]
def counter():
    n[0] += 1
    if n[0] > 3:
        raise StopIteration
    return n[0]
t(lambda: list(iter(counter, 100)))
t(lambda: list(iter('héllo wörld')))
t(lambda: list(iter(b'\x00\xff')))
t(lambda: list(range(2**63 - 3, 2**63 - 1)))
t(lambda: list(range(-2**63, -2**63 + 6, 3)))
t(lambda: list(reversed(range(-2**63, -2**63 + 6, 3))))
d = {1: 1, 2: 2}
def mutate():
    for k in d:
        d[k + 10] = 0
t(mutate)
d = {1: 1, 2: 2}
def mutate2():
    for k in d:
        del d[k]
        d[k + 10] = 0
t(mutate2)
d = {1: 1, 2: 2}
def mutate3():
    for k in d:
        d[k] = 5
    return d
t(mutate3)
s = {1, 2}
def mutate4():
    for k in s:
        s.add(k + 10)
t(mutate4)
l = [1, 2, 3, 4]
out = []
for x in l:
    out.append(x)
    if x == 2:
        l.pop()
        l.pop()
print(out)
l = [1, 2]
it = iter(l)
print(list(it), l.append(3), list(it))
l = [1, 2, 3]
r = reversed(l)
print(next(r))
l.clear()
print(list(r))
e = enumerate(['a', 'b'])
print(next(e), list(e), list(e))
z = zip([1, 2, 3], 'ab')
print(list(z), list(z))
