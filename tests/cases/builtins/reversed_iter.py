r = reversed([1, 2, 3])
print(next(r), list(r), list(r))
print(list(reversed("abc")), list(reversed(range(3))), list(reversed((1, 2))))
class Rev:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 100
print(list(reversed(Rev())))
class R2:
    def __reversed__(self):
        return iter("custom")
print(list(reversed(R2())))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
