def g():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for v in g():
    print(v)
print("---")
def h():
    try:
        yield "x"
        raise ValueError("inside")
    except ValueError as e:
        print("caught", e)
        yield "after-except"
    finally:
        print("finally")
print(list(h()))
