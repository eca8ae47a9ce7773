# A non-iterable after `*`: in a call whose only positional argument it is
# (the callee is named, as CPython 3.11 CALL_FUNCTION_EX does), anywhere
# else in a call or in a display ("Value after *").
def f(*a, **k): pass
class C:
    def m(self, *a): pass
    def __init__(self, *a, **k): pass
class Seq:
    def __getitem__(self, i):
        if i < 2:
            return i
        raise IndexError(i)
class BadIter:
    def __iter__(self):
        raise TypeError("my own message")
tests = [
    lambda: f(*5),
    lambda: f(**5),
    lambda: f(*None),
    lambda: print(*5),
    lambda: len(*5),
    lambda: C().m(*5),
    lambda: C(*5),
    lambda: f(1, *5, 2),
    lambda: f(**{1: 2}),
    lambda: f(**{'a': 1}, **{'a': 2}),
    lambda: f(a=1, **{'a': 2}),
    lambda: (lambda *a: a)(*5),
    lambda: max(*5),
    lambda: f(**[1]),
    lambda: dict(**5),
    lambda: [*5],
    lambda: {**5},
    lambda: (*5,),
    lambda: f(*iter([1])),
    lambda: [*Seq()],
    lambda: f(*Seq()),
    lambda: f(*BadIter()),
    lambda: [*BadIter()],
]
for t in tests:
    try:
        print(t())
    except TypeError as e:
        print(e)
