# except with two names and no "as": invalid syntax.
try:
    pass
except ValueError e:
    pass
