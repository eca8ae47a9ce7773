def find(xs, t):
    for i, x in enumerate(xs):
        if x == t:
            print("found at", i)
            break
    else:
        print("not found")
find([1, 2, 3], 2)
find([1, 2, 3], 5)
find([], 1)
for i in range(3):
    continue
else:
    print("else after continue, i =", i)
