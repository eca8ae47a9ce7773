total = 0
for x in b"\x01\x02\x03":
    total += x
print(total)
print([hex(x) for x in b"AZ"])
print(sorted(b"cab"), max(b"abc"), min(b"abc"))
print(bytes(x ^ 0x20 for x in b"Hello"))
print(list(enumerate(b"ab")))
