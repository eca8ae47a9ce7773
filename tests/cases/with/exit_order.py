class Tracker:
    log = []
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        Tracker.log.append(f"enter{self.n}")
        return self
    def __exit__(self, *a):
        Tracker.log.append(f"exit{self.n}")
with Tracker(1), Tracker(2):
    with Tracker(3):
        Tracker.log.append("body")
print(Tracker.log)
def f():
    with Tracker(9):
        return "returned"
print(f(), Tracker.log[-2:])
