class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __contains__(self, v):
        print("contains called")
        return v in self.items
b = Bag(1, 2, 3)
print(len(b), b[0], b[-1], b[0:2])
b[1] = 20
del b[0]
print(b.items, 20 in b, 5 in b)
print(list(b), bool(Bag()), bool(b))
for x in b:
    print("iter via getitem", x)
