class Thing:
    def __init__(self):
        self.a = 1
t = Thing()
print(t.a)
print(t.b)
