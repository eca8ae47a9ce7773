class A:
    def __iadd__(self, o):
        raise ValueError
a = A()
a += 1
