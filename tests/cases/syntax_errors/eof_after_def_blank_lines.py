# Trailing blank lines: CPython reports the last line of the file.
def f():


