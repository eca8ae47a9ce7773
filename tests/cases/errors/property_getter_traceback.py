# An error two property getters deep: the traceback shows each getter's
# frame (LOAD_ATTR runs them as frames) under the line that read it.


class Order:
    def __init__(self, items):
        self.items = items

    @property
    def total(self):
        return sum(item["price"] for item in self.items)

    @property
    def average(self):
        return self.total / len(self.items)


print(Order([{"price": 3}, {"price": 5}]).average)
orders = [Order([{"price": 1}]), Order([])]
for order in orders:
    print("average:", order.average)
