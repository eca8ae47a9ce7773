class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            print("suppressed", et.__name__, ev)
            return True
        return False
with Suppress(KeyError):
    {}["missing"]
    print("not reached")
print("after 1")
try:
    with Suppress(KeyError):
        raise ValueError("passes through")
except ValueError as e:
    print("caught outside", e)
with Suppress(ZeroDivisionError, IndexError):
    [][1]
print("end")
