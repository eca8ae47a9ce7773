print(str(1), str(1.5), str(None), str(True), str([1, 'a']), str((1,)), str({'a': 1}))
print(str(), repr(str()))
print(str(b'abc'))
print(str(b'caf\xc3\xa9', 'utf-8'))
print(str(-0.0), str(10 ** 20))
class A:
    def __str__(self):
        return "A-str"
    def __repr__(self):
        return "A-repr"
print(str(A()), repr(A()), [A()])
