print(int("7") + float("2.5"), str(7) + str(2.5), float(int(3.99)))
print(int(float("1e3")), float(str(1/3)) == 1/3)
print(bool("False"), int(bool("x")), str(bool(0)))
print(list(str(123)), int("".join(["1", "2"])))
