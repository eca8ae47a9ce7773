class Item:
    def __init__(self, sku, name, price, qty):
        self.sku, self.name, self.price, self.qty = sku, name, price, qty
    def value(self):
        return self.price * self.qty
class Inventory:
    def __init__(self):
        self.items = {}
        self.log = []
    def add(self, item):
        if item.sku in self.items:
            raise KeyError(f"duplicate sku {item.sku}")
        self.items[item.sku] = item
        self.log.append(f"add {item.sku}")
    def restock(self, sku, n):
        self.items[sku].qty += n
        self.log.append(f"restock {sku} +{n}")
    def sell(self, sku, n):
        item = self.items.get(sku)
        if item is None:
            raise LookupError(f"unknown sku {sku}")
        if item.qty < n:
            raise ValueError(f"only {item.qty} {item.name} left")
        item.qty -= n
        self.log.append(f"sell {sku} -{n}")
        return item.price * n
    def low_stock(self, threshold=5):
        return sorted(s for s, i in self.items.items() if i.qty < threshold)
    def total_value(self):
        return sum(i.value() for i in self.items.values())
inv = Inventory()
for args in [("A1", "bolt", 0.25, 500), ("B2", "nut", 0.10, 800), ("C3", "gear", 4.75, 12), ("D4", "motor", 49.99, 3)]:
    inv.add(Item(*args))
revenue = 0
for sku, n in [("A1", 120), ("C3", 10), ("D4", 5), ("Z9", 1), ("B2", 800)]:
    try:
        revenue += inv.sell(sku, n)
    except (LookupError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
try:
    inv.add(Item("A1", "dup", 1, 1))
except KeyError as e:
    print("KeyError:", e)
inv.restock("C3", 20)
print(f"revenue={revenue:.2f} value={inv.total_value():.2f}")
print("low:", inv.low_stock())
print(inv.log)
for sku, item in inv.items.items():
    print(f"{sku} {item.name:<6} {item.qty:>4} @ {item.price:>6.2f} = {item.value():>8.2f}")
