# bisect: left/right with lo, hi and key, insort into lists and via
# insert(), aliases, other sequences, CPython's argument errors.
import bisect
a = [1, 2, 2, 2, 3, 5]
print(bisect.bisect(a, 2), bisect.bisect_left(a, 2), bisect.bisect_right(a, 2, 0, 3), bisect.bisect_left(a, 4, lo=1), bisect.bisect_left(a, 0, hi=None))
recs = [("a", 1), ("b", 3), ("c", 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
bisect.insort(a, 4); bisect.insort_left(a, 2); bisect.insort_right(a, 0)
print(a)
bisect.insort(recs, ("d", 4), key=lambda r: r[1])
print(recs, bisect.bisect, bisect.insort)
print(bisect.bisect_left("aceg", "d"), bisect.bisect((1, 3, 5), 3), bisect.bisect_left(range(0, 100, 5), 42))
for f, args, kw in [(bisect.insort, ([1],), {}), (bisect.bisect_left, ([1], 1), {'lo': 'a'}), (bisect.bisect_left, ([1], 1), {'hi': -5}), (bisect.insort_left, ((1, 2), 1), {}), (bisect.bisect_right, ([1], 1, 0, 1, None), {}), (bisect.bisect_right, ([1], 1), {'foo': 1}), (bisect.bisect_right, ([1], 1, -1), {}), (bisect.bisect_right, ([1], 1), {'a': [2]}), (bisect.bisect, ([1, 'a'], 2), {})]:
    try:
        print(f(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)
