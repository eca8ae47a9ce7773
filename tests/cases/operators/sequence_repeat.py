# Sequence repetition: results, the copy-by-doubling paths (long results), and
# the errors for counts no sequence could reach (these used to hang).
print('ab' * 5, 'é€' * 3, b'xy' * 4, bytearray(b'q') * 3, [1, [2]] * 3, (None,) * 4)
print(len('abc' * 100003), ('abc' * 100003)[-7:], len([0, 1] * 77777), ([0, 1, 2] * 9)[-4:])
print(len(b'xyz' * 33333), (b'xyz' * 33333)[-4:], len((1, 2, 3) * 50001), ('€' * 70000)[-2:])
print('x' * 0, 'x' * -5, [1] * 0, (1, 2) * -1, 3 * 'ab', 2 * [7], True * 'z', 'z' * False)
shared = [[]] * 3
shared[0].append(1)
print(shared)
s = 'x' * 1000
print(s.count('x'), len(s * 1000), (s * 1000).count('xx'))


def attempt(label, make):
    try:
        make()
        print(label, 'ok')
    except (OverflowError, MemoryError) as e:
        print(label, type(e).__name__)


attempt("str * 2**60", lambda: ('x' * 16) * 2**60)
attempt("bytes * 2**60", lambda: (b'x' * 16) * 2**60)
attempt("bytearray * 2**60", lambda: bytearray(b'x' * 16) * 2**60)
attempt("list * 2**62", lambda: [1, 2, 3, 4] * 2**62)
attempt("tuple * 2**62", lambda: (1, 2, 3, 4) * 2**62)
attempt("str * 2**100", lambda: 'x' * 2**100)
attempt("empty str * 2**100", lambda: '' * 2**100)
attempt("list * -2**100", lambda: [1] * -2**100)
attempt("2**64 * bytes", lambda: 2**64 * b'')
try:
    'xy' * 2**62
except OverflowError as e:
    print(e)
try:
    'x' * 2**70
except OverflowError as e:
    print(e)
