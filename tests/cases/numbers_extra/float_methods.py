def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)

t(lambda: float())
t(lambda: float(3))
t(lambda: float(True))
t(lambda: float(10**30))
t(lambda: float(10**400))
t(lambda: float(' 1.5 '))
t(lambda: float('1_0.2_5'))
t(lambda: float('-inf'))
t(lambda: float('InFiNiTy'))
t(lambda: float('nan'))
t(lambda: float('1e500'))
t(lambda: float('1e-400'))
t(lambda: float('abc'))
t(lambda: float(''))
t(lambda: float(b'2.5'))
t(lambda: float(b'x'))
t(lambda: float(None))
t(lambda: float(x=1))
t(lambda: float(1, 2))

class F:
    def __float__(self):
        return 2.5
class G:
    def __float__(self):
        return 1
class H:
    def __index__(self):
        return 3

t(lambda: float(F()))
t(lambda: float(G()))
t(lambda: float(H()))
for v in [0.0, -0.0, 1.5, -2.75, 0.1, 1e300, 5e-324, 2.0**-1022, 1/3, 123456.0]:
    print(repr(v), v.hex(), v.is_integer(), v.as_integer_ratio(), v.conjugate(), v.real, v.imag,
          float.fromhex(v.hex()) == v)
t(lambda: float('inf').hex())
t(lambda: float('-inf').hex())
t(lambda: float('nan').hex())
t(lambda: float('inf').is_integer())
t(lambda: float('nan').as_integer_ratio())
t(lambda: float('inf').as_integer_ratio())
for s in ['0x1.8p1', ' -0X1.8P-1 ', '1', '.8p1', 'inf', '-Infinity', 'nan', '0x1p-1074',
          '0x1p-1075', '0x1.1p-1075', '0x3p-1076', '0x1.00000000000008p0', '0x1.00000000000018p0',
          '0x1.000000000000081p0', '0x1.fffffffffffff7p1023', '0x1.fffffffffffff8p1023',
          '0x1p99999', '0x.p1', '0x1p', 'p1', '0x1_0p0', 'zz', '0x0p0', '-0x0.000p99', '0x10.8']:
    t(lambda: float.fromhex(s))
t(lambda: float.fromhex(1))
