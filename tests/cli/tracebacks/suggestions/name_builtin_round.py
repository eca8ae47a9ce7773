class A:
    def __init__(self):
        self.count = 0
    def inc(self):
        return count + 1
A().inc()
