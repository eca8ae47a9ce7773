s = "tab\there"
print(f"{s}")
print(f"{s!r}")
print(f"{'ü'!a} {'ü'!r}")
print(f"{1.0!r} {1.0!s}")
print(f"{[1, 'a']!s}")
print(f"{s!r:>20}|")
print(f"{None!r}")
