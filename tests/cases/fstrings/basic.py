name = "World"
n = 42
print(f"Hello, {name}!")
print(f"{n} {n + 1} {n * 2}")
print(f"{'nested quotes'}")
print(F"upper F {n}")
print(f"{{braces}} {n}")
print(f"{name!r} {name!s} {name!a}")
print(f"{'café'!a}")
print(f"{[1, 2][0]} {dict(a=1)['a']}")
print(f"")
print(f"{n}" f"{name}" "plain")
