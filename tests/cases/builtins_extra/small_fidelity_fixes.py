# int() of a bytearray, '%.*f'-style precision overflow wording, duplicate bases.
print(int(bytearray(b'12')), int(bytearray(b'ff'), 16), int(bytearray(b' 7 ')))
try:
    '%.99999999999999999999f' % 1
except ValueError as e:
    print("ValueError:", e)
try:
    '%99999999999999999999d' % 1
except ValueError as e:
    print("ValueError:", e)


class A:
    pass


try:
    class D(A, A):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class E(A, object, A):
        pass
except TypeError as e:
    print("TypeError:", e)
# object() has no attribute storage; exceptions do.
o = object()
try:
    o.x = 1
except AttributeError as e:
    print("AttributeError:", e)
err = ValueError("v")
err.code = 5
print(err.code)
