class MyList(list):
    def sum(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.sum(), len(ml), isinstance(ml, list), type(ml).__name__)
class Name(str):
    def shout(self):
        return self.upper() + "!"
n = Name("bob")
print(n, n.shout(), n + "by", len(n), n == "bob")
class E(int):
    def double(self):
        return self * 2
e = E(21)
print(e, e.double(), e + 1, type(e + 1).__name__)
