def f():
    try:
        try:
            raise KeyError("inner")
        except ValueError:
            print("wrong handler")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", e)
    finally:
        print("outer finally")
f()
try:
    try:
        raise TypeError("t")
    except TypeError:
        raise IndexError("from handler")
    finally:
        print("finally during propagation")
except IndexError as e:
    print("caught", e)
