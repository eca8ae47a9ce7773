e = enumerate(["a", "b", "c"], start=10)
print(next(e))
print(list(e))
print(list(e))
print(list(enumerate("xy", -1)))
def gen():
    for i in range(3):
        print("produce", i)
        yield i
en = enumerate(gen())
print("created")
print(next(en))
print(next(en))
