# An invalid token inside brackets that are never closed: CPython reports
# the invalid syntax where the parser stopped, not the unclosed bracket,
# when the parser stopped on the bracket's line.
def f(a, :
    pass
