# heapq: the C functions' heaps element for element (push, pop, replace,
# pushpop, heapify below and above its 2500-item switch), nlargest/nsmallest,
# ordering by __lt__, CPython's argument errors, a __lt__ that shrinks the heap.
import heapq
h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), h)
print(heapq.heapreplace(h, 4), h, heapq.heappushpop(h, 0), heapq.heappushpop(h, 10), h)
data = [(i * 7919) % 1000 for i in range(3000)]
heapq.heapify(data)
print(data[:20], data[-5:])
small = [9, 4, 7, 1, 8]
heapq.heapify(small)
print(small)
print(heapq.nlargest(3, [1, 5, 2, 8, 3]), heapq.nsmallest(2, "hello"), heapq.nlargest(2, {"a": 3, "b": 1, "c": 2}, key=lambda k: -ord(k)))
print(heapq.nlargest(0, [1]), heapq.nsmallest(-3, [1]), heapq.nlargest(10, (3, 1, 2)), heapq.nsmallest(1, []), heapq.nsmallest(1, [3, 1, 1]))
print(heapq.nlargest(2, (x for x in [4, 1, 9, 9])), heapq.nsmallest(2, [(1, 'b'), (1, 'a'), (0, 'z')], key=lambda t: t[0]))
class Task:
    def __init__(self, p, n): self.p, self.n = p, n
    def __lt__(self, o): return self.p < o.p
    def __repr__(self): return f"T{self.n}"
q = []
for i, p in enumerate([3, 1, 3, 2, 1]):
    heapq.heappush(q, Task(p, i))
print([heapq.heappop(q) for _ in range(5)])
print(heapq.heappush, heapq.heappop)
for f, args, kw in [(heapq.heappop, (), {}), (heapq.heappop, ([], []), {}), (heapq.heappop, ([],), {'x': 1}), (heapq.heapify, ((1,),), {}), (heapq.heapreplace, ([1],), {}), (heapq.heappushpop, ([1], 1, 2), {}), (heapq.heappush, ((), 1), {}), (heapq.heappop, ([],), {}), (heapq.heapreplace, ([], 1), {}), (heapq.nsmallest, (2,), {}), (heapq.nsmallest, (2, [1], None, 4), {}), (heapq.nsmallest, (2, [3, 1]), {'kee': 1}), (heapq.nlargest, ('a', [1]), {}), (heapq.nlargest, (1.5, [1, 2, 3]), {}), (heapq.nlargest, (5.0, [1, 2]), {}), (heapq.nsmallest, (2, [1, 'a', 2]), {})]:
    try:
        print(f(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)
class Shrink:
    def __init__(self, v, heap): self.v, self.heap = v, heap
    def __lt__(self, o):
        if self.heap: self.heap.pop()
        return self.v < o.v
hp = []
hp.extend(Shrink(v, hp) for v in [5, 4, 3, 2, 1])
try:
    heapq.heapify(hp)
except RuntimeError as e:
    print("RuntimeError", e)
print(heapq.nlargest(2**70, [3, 1, 2]), heapq.nlargest(True, [1, 2]))
