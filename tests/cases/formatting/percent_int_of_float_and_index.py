# %d of a float beyond 2**53 formats its exact integer value; sequences
# repeat by an object's __index__.
for v in [1e20, 1e19, 9.3e18, -1e25, 2.5, -0.5, 1e300]:
    print('%d' % v, '%i' % v)
for bad in [float('inf'), float('nan')]:
    try:
        print('%d' % bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)


class Count:
    def __index__(self):
        return 2


print([0] * Count(), 'ab' * Count(), Count() * (1,), b'x' * Count(), Count() * 'yz')
x = [1, 2]
x *= Count()
print(x)
