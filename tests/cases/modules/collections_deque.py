from collections import deque
d = deque([1, 2, 3], maxlen=3)
for f in [lambda: d.remove(9), lambda: d.index(9), lambda: d.insert(0, 1), lambda: deque(maxlen=-1),
          lambda: deque().pop(), lambda: deque().popleft(), lambda: d[5], lambda: d[1:2], lambda: d + [1],
          lambda: setattr(d, 'maxlen', 3), lambda: d.__dict__, lambda: deque('ab') < [1], lambda: hash(d),
          lambda: deque(1), lambda: d.rotate('x'), lambda: deque([1], 2, 3), lambda: d.count(),
          lambda: d.append(), lambda: deque(foo=1), lambda: d * 'x']:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(repr(deque()), deque('ab', maxlen=5), d * 2, 2 * d, deque([1]) == [1], deque([1]) == deque([1]),
      deque([1, 2]) < deque([1, 3]))
e = deque([1, 2, 3, 4, 5])
e.rotate(2)
print(e)
e.rotate(-3)
print(e)
e.extendleft('ab')
print(e)
print(list(reversed(e)), e.index(3), e.count(1), 3 in e, 99 in e, len(e), bool(e), bool(deque()))
x = deque()
x.append(x)
print(x)
q = deque()
q.append('a')
q.appendleft('b')
q.extend([1, 2])
print(q, q.pop(), q.popleft(), q, q[0], q[-1])
q[0] = 'z'
del q[1]
print(q, q.maxlen, deque(maxlen=2).maxlen)
# BFS
graph = {1: [2, 3], 2: [4], 3: [4, 5], 4: [6], 5: [6], 6: []}
seen, order, todo = {1}, [], deque([1])
while todo:
    node = todo.popleft()
    order.append(node)
    for nxt in graph[node]:
        if nxt not in seen:
            seen.add(nxt)
            todo.append(nxt)
print(order)
# sliding window
w = deque(maxlen=3)
for i in range(6):
    w.append(i)
    print(list(w), sum(w))
big = deque(range(100000))
total = 0
while big:
    total += big.popleft()
    if len(big) % 2 == 0 and big:
        big.pop()
print(total)
r = deque(range(10))
r.rotate(3)
r.insert(2, 'x')
r.remove('x')
r.reverse()
print(r, r.copy(), type(r.copy()).__name__, isinstance(r, deque), type(r).__name__)
print(deque('abc') + deque('de'), deque([1, 2]) * 0)
it = deque([1, 2])
it += 'xy'
it *= 2
print(it, max(deque([3, 9, 2])), sorted(deque([3, 1, 2])), list(deque(range(3))))
class Q(deque):
    def peek(self):
        return self[0]
qq = Q([5, 6])
print(qq, qq.peek(), len(qq))
m = deque([1, 2, 3], 2)
print(m, m.maxlen)
m.appendleft(0)
print(m)
m.extend(range(5))
print(m)
print(deque([[1, 2], (3,)]), str(deque(['s'])))
print(type(deque), deque.__name__, repr(deque)[:30])
print(deque([1, 2, 3]).index(2, 0, 3), deque([1, 2, 1]).index(1, 1))
z = deque(maxlen=0)
z.append(1)
print(z)
