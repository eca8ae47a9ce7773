class R:
    def __init__(self):
        self._v = 1
    def get_v(self):
        return self._v
    def set_v(self, v):
        self._v = v * 2
    def del_v(self):
        print("deleting")
        del self._v
    v = property(get_v, set_v, del_v, "the v")
r = R()
print(r.v)
r.v = 5
print(r.v)
del r.v
print(hasattr(r, "_v"), R.v.__doc__)
