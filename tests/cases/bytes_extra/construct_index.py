# bytes(): construction, indexing, slicing, containment, repr, %.
def attempt(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "=>", type(e).__name__ + ":", e)

attempt("empty", lambda: bytes())
attempt("count", lambda: bytes(3))
attempt("zero", lambda: bytes(0))
attempt("list", lambda: bytes([104, 105, 0, 255]))
attempt("tuple", lambda: bytes((1, 2)))
attempt("range", lambda: bytes(range(65, 70)))
attempt("gen", lambda: bytes(x * 2 for x in range(5)))
attempt("bytes", lambda: bytes(b"xy"))
attempt("str enc", lambda: bytes("héllo", "utf-8"))
attempt("str enc kw", lambda: bytes("hé", encoding="latin-1"))
attempt("str errors", lambda: bytes("hé", "ascii", "replace"))
attempt("neg", lambda: bytes(-1))
attempt("256", lambda: bytes([256]))
attempt("-1 item", lambda: bytes([-1]))
attempt("str only", lambda: bytes("abc"))
attempt("float", lambda: bytes(1.5))
attempt("float item", lambda: bytes([1.5]))
attempt("none", lambda: bytes(None))
attempt("bad enc", lambda: bytes("a", "bogus"))
attempt("enc no str", lambda: bytes(b"x", "utf-8"))
attempt("enc int", lambda: bytes(1, "utf-8"))
attempt("errors only", lambda: bytes("x", errors="strict"))
attempt("too many", lambda: bytes("a", "utf-8", "x", 1))
attempt("enc type", lambda: bytes("a", encoding=1))
attempt("kw bad", lambda: bytes(x=1))
attempt("ascii fail", lambda: bytes("é", "ascii"))
class B:
    def __bytes__(self):
        return b"custom"
class It:
    def __iter__(self):
        return iter([1, 2, 3])
class N:
    def __index__(self):
        return 2
attempt("__bytes__", lambda: bytes(B()))
attempt("__iter__", lambda: bytes(It()))
attempt("__index__", lambda: bytes(N()))
attempt("dict", lambda: bytes({1: 2, 3: 4}))
b = b"hello"
print(b[0], b[-1], b[1:3], b[::-1], b[::2], b[10:], b[-100:2], b[True], b[N()])
attempt("index range", lambda: b[5])
attempt("index neg", lambda: b[-6])
attempt("index str", lambda: b[(lambda: "x")()])
print(b"ll" in b, 104 in b, 0 in b, b"" in b, b"hx" in b)
attempt("in str", lambda: "h" in b)
attempt("in 300", lambda: 300 in b)
attempt("in float", lambda: 1.5 in b)
for r in [b"", b"'", b'"', b"'\"", b"\\", b"\x00\x07\x1f\x7f\x80\xff", b"\t\n\r", b"plain text", b"it's"]:
    print(repr(r), str(r))
print(list(b"ab"), [x for x in b"\x00\xff"], len(b"abc"), b"ab" + b"cd", b"ab" * 3, b"x" * 0)
attempt("pct", lambda: b"%s %d %x %b %r %a %c %c %5.2f %%" % (b"ab", 3, 255, b"cd", b"q", "\xe9", 65, b"z", 3.14159))
attempt("pct str arg", lambda: b"%s" % "x")
attempt("pct d bytes", lambda: b"%d" % b"x")
attempt("pct x float", lambda: b"%x" % 1.5)
attempt("pct dict", lambda: b"%(k)s-%(n)d" % {b"k": b"v", b"n": 5})
attempt("pct c big", lambda: b"%c" % 256)
attempt("pct c str", lambda: b"%c" % "a")
attempt("pct few", lambda: b"%s %s" % (b"a",))
attempt("pct many", lambda: b"%s" % (b"a", b"b"))
attempt("pct width", lambda: b"[%5s|%-5s|%.1s]" % (b"ab", b"cd", b"ef"))
attempt("pct unsupported", lambda: b"%y" % 1)
print(b"abc" == b"abc", b"abc" < b"abd", hash(b"x") == hash(b"x"), b"a" != "a")
