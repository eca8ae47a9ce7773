def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)

t(lambda: int())
t(lambda: int(True))
t(lambda: int(-7.9))
t(lambda: int(1e20))
t(lambda: int(-1e300) == -10**300)
t(lambda: int(float('nan')))
t(lambda: int(float('-inf')))
t(lambda: int('  -42  '))
t(lambda: int('1_000_000'))
t(lambda: int('+17'))
t(lambda: int('12abc'))
t(lambda: int(''))
t(lambda: int('1__0'))
t(lambda: int('x' * 300))
t(lambda: int(b'  99 '))
t(lambda: int(b'9x'))
t(lambda: int('ff', 16))
t(lambda: int('0xff', 16))
t(lambda: int('0xff', 0))
t(lambda: int('0o17', 0))
t(lambda: int('0b101', 0))
t(lambda: int('010', 0))
t(lambda: int('0', 0))
t(lambda: int('00', 0))
t(lambda: int('z', 36))
t(lambda: int('12', 1))
t(lambda: int('12', 37))
t(lambda: int('12', base=3))
t(lambda: int(12, 10))
t(lambda: int(base=10))
t(lambda: int(x='5'))
t(lambda: int(None))
t(lambda: int([1]))
t(lambda: int(1, 2, 3))
t(lambda: int('9' * 4300) % 1000)
t(lambda: int('9' * 4301))
t(lambda: int('1_' * 4400 + '1'))
t(lambda: int('0' * 4400 + '1'))
t(lambda: int('f' * 5000, 16) % 7)
t(lambda: str(10 ** 4299)[:5])
t(lambda: len(str(10 ** 4300 - 1)))
t(lambda: str(10 ** 4300))
t(lambda: repr(-10 ** 5000))
t(lambda: len(hex(10 ** 5000)))
t(lambda: int('123456789012345678901234567890') + 1)
t(lambda: int('-123456789012345678901234567890'))

class A:
    def __int__(self):
        return 42
class B:
    def __index__(self):
        return 7
class C:
    def __int__(self):
        return 'x'
class D:
    def __trunc__(self):
        return 5

t(lambda: int(A()))
t(lambda: int(B()))
t(lambda: int(C()))
t(lambda: int(D()))
t(lambda: int('10', B()))
t(lambda: bool())
t(lambda: bool(0))
t(lambda: bool([1]))
t(lambda: bool(x=1))
t(lambda: bool(1, 2))
