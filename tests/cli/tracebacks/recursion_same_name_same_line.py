# Two functions with the same name calling each other on one line: CPython
# counts the frames as repeats (it compares line and name, not the code).
a = lambda n: b(n); b = lambda n: a(n)
a(1)
