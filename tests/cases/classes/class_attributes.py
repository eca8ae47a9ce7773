class Counter:
    count = 0
    items = []
    def __init__(self):
        Counter.count += 1
        self.id = Counter.count
a = Counter()
b = Counter()
print(Counter.count, a.count, a.id, b.id)
a.count = 100
print(a.count, b.count, Counter.count)
a.items.append(1)
print(b.items, Counter.items)
del a.count
print(a.count)
