print(abs(-3), abs(3.5), abs(-0.0), abs(True), abs(-10 ** 30))
print(all([]), all([1, 2]), all([1, 0]), all("abc"), all([[]]))
print(any([]), any([0, "", None]), any([0, 1]), any(x > 3 for x in range(5)))
class N:
    def __abs__(self):
        return "abs called"
print(abs(N()))
