s = "hello world, hello"
print(s.find("hello"), s.find("hello", 1), s.find("xyz"), s.find(""))
print(s.rfind("hello"), s.rfind("o"), s.rfind("o", 0, 5), s.rfind("zz"))
print(s.index("world"), s.rindex("l"))
print(s.find("o", 5, 8), s.find("l", -5), s.find("h", -100))
print("abc".find("", 10), "abc".find("", 3), "abc".rfind(""))
try:
    s.index("zzz")
except ValueError as e:
    print("ValueError:", e)
try:
    s.rindex("zzz")
except ValueError as e:
    print("ValueError:", e)
