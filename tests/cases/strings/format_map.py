d = {"a": 1, "b": "two"}
print("{a}-{b}".format_map(d))
class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"
print("{a} {zzz}".format_map(Default(a=5)))
