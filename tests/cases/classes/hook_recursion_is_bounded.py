# Runaway recursion through __new__, descriptors and __init_subclass__ (native
# code calling back into Python) ends in RecursionError, never a crash.
class A:
    def __new__(cls):
        return A()
try:
    A()
except RecursionError as e:
    print("RecursionError:", e)

class D:
    def __get__(self, obj, t=None):
        return obj.x
class B:
    x = D()
try:
    B().x
except RecursionError as e:
    print("RecursionError:", e)

class S:
    def __set__(self, obj, v):
        obj.y = v
class C:
    y = S()
try:
    C().y = 1
except RecursionError as e:
    print("RecursionError:", e)

class Base:
    def __init_subclass__(cls):
        class Inner(cls):
            pass
try:
    class Sub(Base):
        pass
except RecursionError as e:
    print("RecursionError:", e)

def g():
    try:
        yield 1
    except ValueError:
        gen.throw(ValueError)
gen = g()
next(gen)
try:
    gen.throw(ValueError)
except ValueError as e:
    print("ValueError", type(e).__name__)
