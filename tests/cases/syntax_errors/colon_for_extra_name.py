# A for loop whose iterable is followed by another name: invalid syntax.
for a in range(3) b:
    pass
