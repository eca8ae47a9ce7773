def parse(s):
    try:
        return int(s)
    except ValueError:
        return -1
    finally:
        print("parsed", repr(s))
print(parse("12"), parse("zz"))
def nested():
    try:
        try:
            return "inner"
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print(nested())
