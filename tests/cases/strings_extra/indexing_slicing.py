# Indexing and slicing by code point, ASCII and not.
for s in ["hello world", "héllo wörld", "日本語テキスト", "a😀b😀c", ""]:
    n = len(s)
    print(repr(s), n)
    for i in range(-n, n):
        print(s[i], end="|")
    print()
    for sl in [slice(None), slice(1, None), slice(None, -1), slice(None, None, -1),
               slice(1, 8, 2), slice(-3, None), slice(8, 1, -2), slice(100, 200),
               slice(-100, 3), slice(None, None, 3), slice(5, 2), slice(None, None, -2)]:
        print(repr(s[sl]), end=" ")
    print()
    try:
        s[n]
    except IndexError as e:
        print("IndexError:", e)
s = "aé中😀"
print([c for c in s], list(reversed(s)), s[::-1])
print("é" in s, "中😀" in s, "" in s, "x" in s, "aé" in s)
print(s.find("中"), s.find("😀"), s.rfind("é"), s.index("😀"), s.count("é"))
print(s.find("😀", 2), s.find("é", 2), s.find("", 4), s.find("", 5), s.rfind(""))
print("x" * 3, "ab" * 0, ("é" * 2)[1])
class I:
    def __index__(self):
        return 1
print("abc"[I()], "abc"[True])
