print("{{}}".format())
print("{{{0}}}".format(5))
print("{}%".format(50))
print("a{{b}}c{}".format("d"))
