def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

r = range(0, 20, 3)
print(r, range(5), range(2, 5), range(5, 0, -1), len(r), r[0], r[-1], r[2], r.start, r.stop, r.step)
print(r[1:4], r[::-1], r[::2], r[5:1], r[-100:100], r[1::-1], range(10)[::3][1:])
print(list(r[1:4]), list(range(10)[::-3]), list(range(10, 0, -2)), list(range(-5)), list(range(0)))
print(6 in r, 7 in r, 6.0 in r, 6.5 in r, '6' in r, -3 in r, 21 in r, True in range(2), None in r)
print(r.index(9), r.count(9), r.count(10), r.count(9.0), range(5, 0, -1).index(1))
print(range(0) == range(5, 5), range(0, 3) == range(0, 3, 1), range(1, 2, 5) == range(1, 3, 7), range(3) == range(4), range(0, 10, 2) == range(0, 9, 2))
print(len(range(-10**18, 10**18)), range(2**62, 2**63 - 1, 2**61)[1])
print(list(range(2**63 - 3, 2**63 - 1)), list(range(-2**63, -2**63 + 2)))
print(reversed(range(3)) is not None, list(reversed(range(1, 10, 4))), sum(range(101)), max(range(7)))
show(lambda: range())
show(lambda: range(1, 2, 3, 4))
show(lambda: range(1.0))
show(lambda: range(1, 2, 0))
show(lambda: range('a'))
show(lambda: range(x=1))
show(lambda: range(0)[0])
show(lambda: range(3)[3])
show(lambda: range(3)[-4])
show(lambda: range(3)[10**30])
show(lambda: range(3)[::0])
show(lambda: r.index(10))
show(lambda: r.index('a'))
show(lambda: r.count())
show(lambda: range(3)['a'])
class I:
    def __index__(self):
        return 4
print(range(I()), range(10)[I()], list(range(10)[I():]))
class E:
    def __eq__(self, other):
        return other == 6
print(E() in r, r.index(E()), r.count(E()))
