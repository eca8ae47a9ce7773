# elif with two operands and no operator: invalid syntax.
if True:
    pass
elif 1 2:
    pass
