fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])
fs2 = [lambda i=i: i for i in range(3)]
print([f() for f in fs2])
def make(i):
    return lambda: i
fs3 = [make(i) for i in range(3)]
print([f() for f in fs3])
i = 100
print([f() for f in fs])
