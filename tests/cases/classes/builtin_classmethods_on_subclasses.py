class I(int): pass
class F(float): pass
class B(bytes): pass
class D(dict): pass
print(type(I.from_bytes(b'\x01', 'big')).__name__, type(F.fromhex('0x1p1')).__name__, type(B.fromhex('00')).__name__, type(D.fromkeys('ab')).__name__)
print(I.from_bytes(b'\x01', 'big'), F.fromhex('0x1p1'), B.fromhex('41'), D.fromkeys('ab', 1))
class A:
    def __init_subclass__(cls, **kw):
        print('init_subclass', cls.__name__)
class C(A): pass
print(dict.fromkeys('xy'), int.from_bytes(b'\x02', 'little'))
