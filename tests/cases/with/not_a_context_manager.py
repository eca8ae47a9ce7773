# with on objects that are not context managers: CPython's TypeError wording (and 'missed __exit__ method').
class A: pass
try:
    with A(): pass
except Exception as e: print(type(e).__name__, e)
class B:
    def __enter__(self): return self
try:
    with B() as b: print('never')
except Exception as e: print(type(e).__name__, e)
class C:
    def __exit__(self, *a): pass
try:
    with C(): pass
except Exception as e: print(type(e).__name__, e)
try:
    with 5: pass
except Exception as e: print(type(e).__name__, e, e.__context__)
class Good:
    def __enter__(self): return 1
    def __exit__(self, *a): return False
try:
    with Good() as g, A() as a: print('never')
except TypeError as e: print('TE', e)
try:
    raise KeyError('k')
except KeyError:
    try:
        with None: pass
    except TypeError as e:
        print('TE', e, repr(e.__context__))
def f():
    with [1, 2]:
        pass
try:
    f()
except TypeError as e:
    print('TE', e)
class P:
    @property
    def __exit__(self):
        raise AttributeError('from property')
    def __enter__(self): return self
try:
    with P(): pass
except Exception as e: print(type(e).__name__, e)
print(hasattr(A(), '__exit__'))
try:
    A().__exit__
except AttributeError as e: print('AE', e)
