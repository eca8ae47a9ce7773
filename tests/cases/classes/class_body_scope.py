class K:
    x = 10
    y = x * 2
    items = [x, y]
    def get(self):
        return self.x + K.y
    def uses_x():
        return "no self"
print(K.y, K.items, K().get(), K.uses_x())
print(K.__name__, K.__qualname__)
class Outer:
    class Inner:
        val = "inner"
    def make(self):
        return self.Inner()
print(Outer.Inner.val, Outer().make().val, Outer.Inner.__qualname__)
