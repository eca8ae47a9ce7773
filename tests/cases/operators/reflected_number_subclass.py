# A builtin number on the left runs its own operation before the reflected
# method of an int or float subclass on the right, unless the right type
# derives from the left's (CPython's binary_op1 and do_richcompare order).
class F(int):
    def __ror__(self, other):
        return 'F.__ror__'
    def __radd__(self, other):
        return 'F.__radd__'
class G:
    def __radd__(self, other):
        return 'G.__radd__'
    def __rsub__(self, other):
        return 'G.__rsub__'
print(True | F(2), 1 | F(2), 1 + F(2), 1.5 + F(2), True + F(1), 'a' + G(), [1] + G(), 3 - G())
class S(str):
    def __radd__(self, other):
        return 'S.__radd__'
print('a' + S('b'), b'x' if False else 0)
class L(list):
    def __radd__(self, other):
        return 'L.__radd__'
print([1] + L([2]), (1,) + (2,))
class B(int):
    def __rsub__(self, other):
        return 'B.__rsub__'
print(True - B(1), 5 - B(1))
class F2(int):
    def __gt__(self, other):
        return 'F2.__gt__'
    def __eq__(self, other):
        return 'F2.__eq__'
    __hash__ = int.__hash__
    def __rpow__(self, other):
        return 'F2.__rpow__'
    def __rlshift__(self, other):
        return 'F2.__rlshift__'
print(1.5 < F2(2), True < F2(2), 1 < F2(2), 1.0 == F2(1), True == F2(1), 2.0 ** F2(2), True << F2(1), 2 ** F2(2))
x = 1.5
x += F2(2)
print(x)
import re
print(True | re.I, 1 | re.I, re.I | True, 2.0 * re.M)
