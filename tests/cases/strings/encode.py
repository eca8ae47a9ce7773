print("abc".encode())
print("é".encode(), "é".encode("utf-8"))
print("€".encode("utf-8"), len("€".encode()))
print("😀".encode())
print("abc".encode("ascii"))
print(b"caf\xc3\xa9".decode(), b"abc".decode("ascii"))
print("héllo".encode("latin-1"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError")
print("é".encode("ascii", "replace"), "é".encode("ascii", "ignore"))
