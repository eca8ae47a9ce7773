# `s += x` may grow a string in place only when nothing else refers to it.
s = "ab"
t = s
s += "c"
print(t, s)
s += "d"
u = [s]
s += "e"
print(t, u, s)


def f():
    s = "x" * 3
    s += "y"
    t = s
    s += "z"
    print(t, s)
    lst = []
    s += "1"
    lst.append(s)
    s += "2"
    print(lst, s)
    d = {}
    for i in range(5):
        s += str(i)
        d[i] = s
    print(d)
    n = 0
    n += 5
    n += 2.5
    print(n)
    parts = []
    for i in range(3):
        acc = ""
        for j in range(3):
            acc += str(i * j)
        parts.append(acc)
    print(parts)


f()
g = ""
for i in range(1000):
    g += chr(97 + i % 26)
print(len(g), g[:30], g[-5:])
