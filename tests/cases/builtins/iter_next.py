it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e))
d = iter({"a": 1, "b": 2})
print(list(d))
calls = [0]
def counter():
    calls[0] += 1
    return calls[0]
print(list(iter(counter, 4)))
s = iter("ab")
print(iter(s) is s)
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
