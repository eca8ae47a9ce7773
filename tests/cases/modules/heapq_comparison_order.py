# heapq and bisect make the comparisons CPython makes, in its order (logged
# by __lt__), so results with side-effecting or inconsistent __lt__ match too.
import heapq, bisect
log = []
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        log.append((self.v, o.v))
        return self.v < o.v
    def __repr__(self): return str(self.v)
def vals(n, m):
    return [K((i * 7919 + 13) % m) for i in range(n)]
for n in (1, 2, 7, 100, 2600, 5001):
    h = vals(n, 97)
    heapq.heapify(h)
    print(n, len(log), hash(tuple(log)) % 1000003, [x.v for x in h[:10]], [x.v for x in h[-5:]])
    log.clear()
    out = [heapq.heappop(h).v for _ in range(min(n, 50))]
    print(out[:12], len(log), hash(tuple(log)) % 1000003)
    log.clear()
    for k in vals(30, 11):
        heapq.heappush(h, k)
    print(len(log), hash(tuple(log)) % 1000003)
    log.clear()
    if h:
        print(heapq.heapreplace(h, K(5)).v, heapq.heappushpop(h, K(3)).v, len(log), hash(tuple(log)) % 1000003)
    log.clear()
a = sorted(vals(200, 1000), key=lambda k: k.v)
for x in (0, 5, 500, 999, 1000):
    print(bisect.bisect_left(a, K(x)), bisect.bisect_right(a, K(x)), bisect.bisect(a, K(x), 10, 150), len(log), hash(tuple(log)) % 1000003)
    log.clear()
# nsmallest/nlargest on iterators (the heap path): which of several equal
# items come out, and in which order (their final sort is this
# interpreter's, so only results are compared).
class T:
    def __init__(self, v, i): self.v, self.i = v, i
    def __lt__(self, o): return self.v < o.v
    def __eq__(self, o): return self.v == o.v
    def __repr__(self): return f"{self.v}#{self.i}"
tagged = [T((i * 37) % 7, i) for i in range(60)]
for n in (0, 1, 2, 5, 13, 59, 60, 100):
    print(n, heapq.nsmallest(n, iter(tagged))[:9], heapq.nlargest(n, iter(tagged))[:9])
    print(heapq.nsmallest(n, iter(tagged), key=lambda t: -t.v)[:9], heapq.nlargest(n, tagged, key=lambda t: t.v % 3)[:9])
