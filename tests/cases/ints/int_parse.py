print(int("42"), int("-17"), int("  9  "), int("+3"))
print(int("1_000"), int("0"), int("-0"))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0))
print(int("777", 8), int("0o777", 0), int("101", 2), int("0b101", 0))
print(int("z", 36), int("zz", 36))
print(int(3.9), int(-3.9), int(True))
print(int("123456789012345678901234567890"))
print(int(1e20))
print(int(), int("\t12\n"))
for s in ["12a", "", " ", "1.5", "0x10", "1__0"]:
    try:
        int(s)
        print("ok", s)
    except ValueError as e:
        print("ValueError", e)
