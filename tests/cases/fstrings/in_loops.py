for i in range(1, 6):
    print(f"{i:2d} squared is {i * i:3d}, cubed is {i ** 3:4d}")
names = ["a", "bb", "ccc"]
print(", ".join(f"{n!r}:{len(n)}" for n in names))
