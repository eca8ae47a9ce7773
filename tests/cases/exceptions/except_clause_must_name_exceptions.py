# Every class an except clause names must derive from BaseException, checked
# even when an earlier class of the tuple matches.
for t in [(ZeroDivisionError, 5), 5, int, (int, ValueError), "x"]:
    try:
        try:
            1 / 0
        except t:
            print("caught by", t)
    except TypeError as e:
        print("TypeError:", e)
    except ZeroDivisionError:
        print("escaped")
