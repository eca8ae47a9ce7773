s = "hello"
for ch in s:
    print(ch, end=",")
print()
print(list(s), tuple("ab"), sorted("banana"), sorted(set("banana")))
print(max("hello"), min("hello"))
print(list(reversed("abc")), "".join(reversed("abc")))
print(list(enumerate("ab")))
print(s.__len__(), len(s))
print("l" in s, s.count("l"))
