class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
class Circle:
    def __init__(self, center, r):
        self.center, self.r = center, r
def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x=0 | 1 as x, y=y):
            return f"x is {x}, y={y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case Circle(center=Point(x=cx), r=r):
            return f"circle cx={cx} r={r}"
        case _:
            return "not a point"
for p in [Point(0, 0), Point(0, 5), Point(1, 7), Point(3, 3), Point(2, 9), Circle(Point(4, 4), 2), 5]:
    print(where(p))
