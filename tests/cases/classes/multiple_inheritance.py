class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super().who()
print(D().who())
print([k.__name__ for k in D.__mro__])
class Mixin:
    def describe(self):
        return f"{type(self).__name__} with {self.value()}"
class Thing(Mixin):
    def value(self):
        return 42
print(Thing().describe())
