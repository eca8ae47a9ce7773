class A:
    def __add__(self, o):
        raise ValueError
y = [A() + 1]
