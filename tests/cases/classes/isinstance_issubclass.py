class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, A), isinstance(b, B), isinstance(b, C), isinstance(b, (C, A)))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (C, B)), issubclass(A, object))
print(type(b) is B, type(b) is A, type(b).__name__)
print(isinstance(A, type), isinstance(b, object))
