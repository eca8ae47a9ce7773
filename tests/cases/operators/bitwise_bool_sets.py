print(True & True, True | False, True ^ True, type(True & True).__name__)
print(True & 3, type(True & 3).__name__)
print(sorted({1, 2} & {2, 3}), sorted({1} | {2}), sorted({1, 2} ^ {2, 3}), sorted({1, 2} - {2}))
d = {"a": 1} | {"b": 2}
print(d)
