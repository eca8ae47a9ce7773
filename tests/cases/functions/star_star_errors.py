# Errors of f(**x) name the callee module-qualified, as CPython 3.11 does.
def f(a=0, **k):
    return a


class C:
    def m(self, a=0):
        return a


def outer():
    return lambda a: a


for call in [lambda: f(**1), lambda: f(a=1, **{'a': 2}), lambda: C().m(**1), lambda: C(**1),
             lambda: print(**1), lambda: outer()(**[1]), lambda: C.m(C(), **None)]:
    try:
        call()
    except TypeError as e:
        print(e)
