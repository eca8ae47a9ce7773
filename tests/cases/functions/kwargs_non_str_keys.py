# ** with keys that are not str: TypeError, never a name read from a non-str
# object (an int key used to crash the interpreter).
def f(a=1, **k):
    return a, k
for call in [lambda: f(**{100000: 1}), lambda: f(**{1: 2}), lambda: f(**{10**30: 1}), lambda: print(**{1: 2}),
             lambda: dict(**{1: 2}), lambda: (lambda **k: k)(**{(1,): 2}), lambda: f(**{'a': 5, 'b': 6}),
             lambda: max([1], **{100000: 1}), lambda: f(1, **{'a': 2})]:
    try:
        print(call())
    except TypeError as e:
        print('TypeError:', e)
