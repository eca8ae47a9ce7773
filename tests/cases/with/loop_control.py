class CM:
    def __enter__(self):
        print("in")
    def __exit__(self, *a):
        print("out")
for i in range(3):
    with CM():
        if i == 0:
            continue
        if i == 2:
            break
        print("body", i)
print("loop done")
