class Shape:
    def __init__(self, sides):
        self.sides = sides

    def area(self):
        return [self.check(s) for s in self.sides]

    def check(self, s):
        return (lambda v: 1 / v)(s)


def gen(shapes):
    for s in shapes:
        yield s.area()


print(list(gen([Shape([1, 2]), Shape([0])])))
