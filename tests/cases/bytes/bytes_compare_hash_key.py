d = {b"k": 1, b"j": 2}
print(d[b"k"], b"j" in d, sorted(d))
print(b"a" == "a", b"abc" != b"abd")
print(sorted([b"b", b"a", b"ab", b""]))
