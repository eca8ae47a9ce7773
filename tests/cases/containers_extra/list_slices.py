def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

a = list(range(10))
print(a[2:5], a[:3], a[7:], a[::2], a[::-1], a[-3:], a[5:2], a[5:2:-1], a[100:], a[-100:2], a[1:9:3], a[::-3])
print(a[10**30:], a[:-10**30], a[::10**30], a[::-10**30])
b = a[:]; b[2:5] = ['x']; print(b)
b = a[:]; b[2:2] = 'abc'; print(b)
b = a[:]; b[:] = []; print(b)
b = a[:]; b[::2] = 'abcde'; print(b)
b = a[:]; b[::-3] = [0, 0, 0, 0]; print(b)
b = a[:]; b[5:2] = [1, 2]; print(b)
b = a[:]; b[-2:] = range(3); print(b)
b = a[:]; b[1:3] = b; print(b)
b = a[:]; b[::2] = b[1::2]; print(b)
b = a[:]; del b[::2]; print(b)
b = a[:]; del b[::-3]; print(b)
b = a[:]; del b[2:5]; print(b)
b = a[:]; del b[5:2]; print(b)
b = a[:]; del b[-1]; print(b)
b = a[:]; b[3] = 'three'; b[-1] = 'last'; print(b)
def seta(i, v):
    b = a[:]
    b[i] = v
    return b
show(lambda: seta(slice(None, None, 2), [1]))
show(lambda: seta(slice(None, None, 2), [1] * 6))
show(lambda: seta(slice(0, 1), 1))
show(lambda: seta(slice(0, 1, 2), 1))
show(lambda: seta(10, 1))
show(lambda: seta(slice(None, None, 0), []))
show(lambda: seta(1.5, []))
def dela(i):
    b = a[:]
    del b[i]
    return b
show(lambda: dela(10))
show(lambda: dela(-11))
show(lambda: dela(slice(1, None, 0)))
show(lambda: a[::0])
show(lambda: a['a':])
show(lambda: a[1.5:])
show(lambda: a[None:None:None])
t = tuple(a)
print(t[2:5], t[::-2], t[:0], t[5:1], t[:] is t, t[::1] is t)
show(lambda: t[1.0])
show(lambda: t[20])
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, s.indices(5), slice(None, None, -1).indices(5), slice(-100, 100).indices(7), slice(3).indices(10))
print(slice(1), slice(1, 2), slice('a', [1], None), slice(None))
show(lambda: slice(1, 2, 0).indices(5))
show(lambda: slice(1).indices(-1))
show(lambda: slice('a').indices(5))
show(lambda: slice())
show(lambda: slice(1, 2, 3, 4))
show(lambda: slice(1).indices())
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))
