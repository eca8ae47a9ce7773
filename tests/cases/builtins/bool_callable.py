print(bool(), bool(0), bool(1), bool(""), bool("0"), bool([]), bool([0]), bool(None), bool(0.0), bool({}), bool(()))
class Z:
    def __len__(self):
        return 0
class T:
    def __bool__(self):
        return False
class P:
    pass
print(bool(Z()), bool(T()), bool(P()))
print(callable(len), callable(lambda: 1), callable(1), callable(P), callable(P()), callable("s".upper))
