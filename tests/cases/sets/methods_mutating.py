s = {1, 2, 3}
s.discard(2)
s.discard(42)
print(sorted(s))
s.remove(1)
print(sorted(s))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
s.update([4, 5], (6,))
print(sorted(s))
p = s.pop()
print(p in {3, 4, 5, 6}, len(s))
s.clear()
print(s)
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
