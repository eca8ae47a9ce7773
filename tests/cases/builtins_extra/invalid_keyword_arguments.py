# An unknown keyword argument to a builtin: CPython 3.11's argument parsers
# say "'y' is an invalid keyword argument for f()".
def attempt(label, f):
    try:
        f()
    except TypeError as e:
        print(label, "->", e)

attempt("enumerate", lambda: enumerate([], y=1))
attempt("pow", lambda: pow(2, 3, y=1))
attempt("round", lambda: round(1.5, y=1))
attempt("sum", lambda: sum([], y=1))
attempt("int.from_bytes", lambda: int.from_bytes(b"", y=1))
attempt("int.to_bytes", lambda: (5).to_bytes(1, y=1))
attempt("sorted", lambda: sorted([], y=1))
attempt("min", lambda: min([1], y=1))
attempt("int", lambda: int("1", y=1))
attempt("str.split", lambda: "a".split(y=1))
attempt("zip", lambda: zip(y=1))
attempt("range", lambda: range(y=1))
