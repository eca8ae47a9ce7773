for s in ["1.5", " -2.25 ", "1e3", "1E-2", ".5", "5.", "+3", "1_000.5", "inf", "-Inf", "nan", "0x10" , "abc", "", "1e", "1.2.3"]:
    try:
        print(repr(s), float(s))
    except ValueError as e:
        print(repr(s), "ValueError", e)
print(float(3), float(-0), float(True), float(10 ** 20))
print(float())
