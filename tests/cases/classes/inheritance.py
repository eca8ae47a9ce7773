class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
    def kind(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
class Puppy(Dog):
    def speak(self):
        return super().speak() + " (squeaky)"
    def kind(self):
        return "young " + super().kind()
for a in [Animal("generic"), Dog("rex"), Puppy("bit")]:
    print(a.speak(), "|", a.kind())
print(isinstance(Puppy("x"), Animal), issubclass(Puppy, Dog), issubclass(Dog, Puppy))
print(Puppy.__bases__[0].__name__, Puppy.__mro__[-1].__name__)
print([c.__name__ for c in Puppy.__mro__])
