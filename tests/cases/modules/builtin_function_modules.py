# __name__ and __module__ of builtin and module functions: CPython's, which
# for some names the C accelerator module (_heapq, _bisect, _functools).
import math, json, typing, functools, heapq, bisect, string
for f in [len, print, sorted, math.sqrt, math.gcd, json.dumps, json.loads, typing.cast,
          functools.reduce, heapq.heappush, heapq.heapify, heapq.nlargest, heapq.nsmallest,
          bisect.bisect_left, bisect.bisect, bisect.insort, string.capwords]:
    print(f.__name__, f.__qualname__, f.__module__)
