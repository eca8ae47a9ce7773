s = "hé\n"
print("{!r}".format(s))
print("{!a}".format(s))
print("{!s}".format(s), end="|\n")
print("{0!r:^12}|".format("x"))
