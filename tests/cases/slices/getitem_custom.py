class Seq:
    def __getitem__(self, key):
        if isinstance(key, slice):
            return ("slice", key.start, key.stop, key.step)
        return ("index", key)
s = Seq()
print(s[1], s[1:2], s[::3], s[:], s[-1:], s["k"])
print(s[1, 2])
print(s[1:2, 3])
