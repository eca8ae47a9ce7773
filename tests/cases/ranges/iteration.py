for i in range(3):
    print(i, end=" ")
print()
for i in range(10, 0, -4):
    print(i, end=" ")
print()
it = iter(range(3))
print(next(it), next(it), next(it), next(it, "done"))
print(list(reversed(range(4))), list(enumerate(range(3, 6))))
