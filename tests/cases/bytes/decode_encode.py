s = "Grüße, 世界!"
b = s.encode("utf-8")
print(b, len(b), len(s))
print(b.decode("utf-8") == s)
print(b[:4].decode())
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError")
print(b"\xff".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"))
print(b"\xe9".decode("latin-1"))
