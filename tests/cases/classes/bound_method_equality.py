# Bound methods are made by each attribute read; they are equal (and hash
# alike) when they bind the same function to the same object.
class Button:
    def __init__(self):
        self.handlers = []

    def on(self):
        return "on"

    def off(self):
        return "off"


b = Button()
other = Button()
print(b.on == b.on, b.on != b.on, b.on == b.off, b.on == other.on)
print(b.on in [b.on], [b.on, b.off, b.on].count(b.on))
b.handlers.append(b.on)
b.handlers.append(b.off)
b.handlers.remove(b.on)
print([h() for h in b.handlers])
print(hash(b.on) == hash(b.on), len({b.on, b.on, b.off}))
print({b.on: 1}[b.on])
lst = [1]
print(lst.append == lst.append, [1].append == [1].append, lst.append == lst.pop)
print(hash(lst.append) == hash(lst.append), "abc".upper == "abc".upper)
