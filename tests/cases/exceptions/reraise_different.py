def convert(d, k):
    try:
        return d[k]
    except KeyError:
        raise LookupError(f"no {k}") from None
try:
    convert({}, "z")
except LookupError as e:
    print(type(e).__name__, e)
try:
    try:
        raise ValueError("first")
    except ValueError as first:
        try:
            raise TypeError("second")
        except TypeError as second:
            print(second.__context__ is first)
            raise
except TypeError as e:
    print("outer got", e)
