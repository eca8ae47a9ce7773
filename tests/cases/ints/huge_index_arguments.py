# Ints too big for a machine-sized index, given where CPython wants one: a
# subscript says IndexError, a count or position argument OverflowError
# (Py_ssize_t), a tab size / keepends / '%.*' precision OverflowError (C int).
class Big:
    def __index__(self):
        return 2**70


def show(label, f):
    try:
        print(label, '->', repr(f())[:60])
    except Exception as e:
        print(label, '->', f"{type(e).__name__}: {e}")


show("'abc'[2**70]", lambda: 'abc'[2**70])
show("'abc'[-2**70]", lambda: 'abc'[-2**70])
show("[1, 2][2**70]", lambda: [1, 2][2**70])
show("(1, 2)[2**70]", lambda: (1, 2)[2**70])
show("b'ab'[2**70]", lambda: b'ab'[2**70])
show("bytearray(b'ab')[2**70]", lambda: bytearray(b'ab')[2**70])
show("range(5)[2**70]", lambda: range(5)[2**70])
show("'abc'[Big()]", lambda: 'abc'[Big()])
show("[1, 2][Big()]", lambda: [1, 2][Big()])
show("[1] * 2**70", lambda: [1] * 2**70)
show("'abc' * 2**70", lambda: 'abc' * 2**70)
show("bytes(2**70)", lambda: bytes(2**70))
show("bytearray(2**70)", lambda: bytearray(2**70))
show("'abc'.ljust(2**70)", lambda: 'abc'.ljust(2**70))
show("'abc'.center(2**63)", lambda: 'abc'.center(2**63))
show("'x'.zfill(2**64)", lambda: 'x'.zfill(2**64))
show("b'abc'.ljust(2**70)", lambda: b'abc'.ljust(2**70))
show("(1).to_bytes(2**70, 'big')", lambda: (1).to_bytes(2**70, 'big'))
show("'abc'.split(',', 2**70)", lambda: 'abc'.split(',', 2**70))
show("'abc'.rsplit(',', Big())", lambda: 'abc'.rsplit(',', Big()))
show("[1, 2].pop(2**70)", lambda: [1, 2].pop(2**70))
show("[1, 2].insert(2**70, 5)", lambda: [1, 2].insert(2**70, 5))
show("bytearray(b'ab').pop(2**70)", lambda: bytearray(b'ab').pop(2**70))
show("chr(2**70)", lambda: chr(2**70))
show("'a\\tb'.expandtabs(2**70)", lambda: 'a\tb'.expandtabs(2**70))
show("'a\\tb'.expandtabs(2**40)", lambda: 'a\tb'.expandtabs(2**40))
show("'a\\tb'.expandtabs(-2**40)", lambda: 'a\tb'.expandtabs(-2**40))
show("b'a\\tb'.expandtabs(2**40)", lambda: b'a\tb'.expandtabs(2**40))
show("'a\\nb'.splitlines(2**33)", lambda: 'a\nb'.splitlines(2**33))
show("b'a\\nb'.splitlines(2**70)", lambda: b'a\nb'.splitlines(2**70))
show("'%*d' % (2**70, 1)", lambda: '%*d' % (2**70, 1))
show("'%.*f' % (2**70, 1.0)", lambda: '%.*f' % (2**70, 1.0))
show("'%.*f' % (2**40, 1.0)", lambda: '%.*f' % (2**40, 1.0))
show("'%*d' % ('x', 1)", lambda: '%*d' % ('x', 1))
# Where CPython clamps instead of raising, so does monty.
show("'abc'.find('b', 2**70)", lambda: 'abc'.find('b', 2**70))
show("'abc'.find('b', -2**70)", lambda: 'abc'.find('b', -2**70))
show("[1, 2, 3].index(2, 0, 2**70)", lambda: [1, 2, 3].index(2, 0, 2**70))
show("[1, 2, 3][2**70:]", lambda: [1, 2, 3][2**70:])
show("[1, 2, 3][-2**70:2]", lambda: [1, 2, 3][-2**70:2])
show("'abcdef'[::2**70]", lambda: 'abcdef'[::2**70])
show("slice(2**70).indices(5)", lambda: slice(2**70).indices(5))
show("round(1.5, 2**70)", lambda: round(1.5, 2**70))
show("'a\\tb'.expandtabs(True)", lambda: 'a\tb'.expandtabs(True))
