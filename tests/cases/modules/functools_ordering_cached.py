# functools.total_ordering (from each of the four roots, NotImplemented passed
# on) and functools.cached_property (computed once, stored in __dict__).
from functools import total_ordering, cached_property
import functools

@total_ordering
class V:
    def __init__(self, x):
        self.x = x
    def __eq__(self, o):
        return self.x == o.x
    def __lt__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return self.x < o.x
    def __repr__(self):
        return f'V({self.x})'
print(V(1) <= V(2), V(2) > V(1), V(1) >= V(1), V(3) > V(3), V(2) <= V(1), sorted([V(3), V(1), V(2)]), max(V(5), V(7)))
print(V.__gt__.__name__ if hasattr(V.__gt__, '__name__') else '?')
try:
    V(1) >= 5
except TypeError as e:
    print('TypeError', e)

@total_ordering
class G:
    def __init__(self, n): self.n = n
    def __eq__(self, o): return self.n == o.n
    def __ge__(self, o): return self.n >= o.n
print(G(1) < G(2), G(2) < G(1), G(1) <= G(1), G(2) > G(1))

@total_ordering
class Le:
    def __init__(self, n): self.n = n
    def __eq__(self, o): return self.n == o.n
    def __le__(self, o): return self.n <= o.n
print(Le(1) < Le(2), Le(1) > Le(0), Le(1) >= Le(1), Le(2) >= Le(3))

try:
    @total_ordering
    class W:
        pass
except ValueError as e:
    print('ValueError', e)

class C:
    def __init__(self):
        self.calls = 0
    @cached_property
    def val(self):
        self.calls += 1
        print('computing')
        return 42
c = C()
print(c.val, c.val, c.calls, sorted(c.__dict__), type(C.val).__name__, C.val.attrname)
del c.val
print(c.val, c.calls)
c.val = 7
print(c.val)

class D:
    @functools.cached_property
    def data(self):
        """Docs here."""
        return [1, 2]
d = D()
d.data.append(3)
print(d.data, D.data.__doc__)
class S:
    __slots__ = ()
    @cached_property
    def x(self): return 1
try:
    S().x
except TypeError as e:
    print('TypeError', e)
