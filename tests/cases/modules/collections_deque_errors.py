from collections import deque
d = deque([1])
try:
    'x' * d
except TypeError as e:
    print(e)
try:
    del d.maxlen
except AttributeError as e:
    print(e)
try:
    d.foo = 1
except AttributeError as e:
    print(e)
print(deque([1, 2]) != deque([1, 2]), deque([1]) > deque([]), deque([2]) >= deque([1, 5]))
print(deque([1, 2]) == deque([1, 2], maxlen=5))
