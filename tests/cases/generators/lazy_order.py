def gen():
    print("start")
    yield 1
    print("middle")
    yield 2
    print("end")
g = gen()
print("created")
for v in g:
    print("got", v)
print("after loop")
