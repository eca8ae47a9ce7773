class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type)
        return False
with CM("a") as v:
    print("body", v)
with CM("x"), CM("y") as y:
    print("nested body", y)
print("done")
