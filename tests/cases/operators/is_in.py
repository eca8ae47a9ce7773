a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a is not c, a == c)
print(None is None, 1 in a, 3 not in a, "b" in "abc", "ab" in "abc", "ac" in "abc")
print((1, 2) in [(1, 2)], 1 in {1: "x"}, "x" in {1: "x"}, 2 in {2}, 2 in range(3))
class C:
    def __contains__(self, item):
        return item == "magic"
print("magic" in C(), "other" in C(), "other" not in C())
print(True is True, [] is not [])
