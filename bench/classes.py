# Classes: instance creation, method calls, attribute access, inheritance, properties.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    @property
    def norm1(self):
        return abs(self.x) + abs(self.y)


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, k=1):
        self.n += k
        return self


class Animal:
    def __init__(self, name):
        self.name = name

    def sound(self):
        return "..."

    def speak(self):
        return self.name + ":" + self.sound()


class Dog(Animal):
    def sound(self):
        return "woof"


class Puppy(Dog):
    def sound(self):
        return super().sound() + "!"


v = Vec(0, 0)
step = Vec(1, 2)
c = Counter()
dots = 0
for i in range(300000):
    v = v.add(step)
    dots += v.dot(step) % 7
    c.bump().bump(2)
    if i % 3 == 0:
        v.x -= 1

pets = [Animal("cat"), Dog("rex"), Puppy("bit")]
talk = 0
for i in range(100000):
    talk += len(pets[i % 3].speak())
print(v.x, v.y, v.norm1, dots, c.n, talk, isinstance(pets[2], Animal))
