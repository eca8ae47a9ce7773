# UnicodeDecodeError / UnicodeEncodeError messages and error handlers.
def attempt(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "=>", type(e).__name__ + ":", e)

cases = [b"\xff", b"a\xe9b", b"a\xc3", b"a\xc3(", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
         b"\xe0\x80\x80", b"\xf0\x9f\x98", b"\xf0\x9f(", b"\xc0\xaf", b"ok\xf0\x9f\x98\x80!",
         b"\x80\x80", b"abc\xe2\x82", b"\xf5", b"\xe2\x28\xa1"]
for c in cases:
    attempt("utf8 " + repr(c), lambda: c.decode())
    attempt("replace " + repr(c), lambda: c.decode("utf-8", "replace"))
    attempt("ignore " + repr(c), lambda: c.decode("utf-8", errors="ignore"))
    attempt("bsr " + repr(c), lambda: c.decode("utf-8", "backslashreplace"))
attempt("ascii dec", lambda: b"ab\xffc".decode("ascii"))
attempt("ascii dec replace", lambda: b"ab\xffc".decode("ascii", "replace"))
attempt("latin1 dec", lambda: b"\xe9\xff\x00".decode("latin-1"))
attempt("latin1 alias", lambda: b"\xe9".decode("ISO-8859-1"))
attempt("utf8 alias", lambda: b"\xc3\xa9".decode("UTF8"))
attempt("utf_8 alias", lambda: "é".encode("utf_8"))
attempt("unknown", lambda: b"x".decode("no-such-codec"))
attempt("str() decode", lambda: str(b"\xc3\xa9t\xc3\xa9", "utf-8"))
attempt("str() errors kw", lambda: str(b"a\xff", errors="replace"))
attempt("str() bad", lambda: str(b"\xff", "ascii"))
attempt("enc replace", lambda: "aé€😀".encode("ascii", "replace"))
attempt("enc ignore", lambda: "aé€😀".encode("latin-1", "ignore"))
attempt("enc bsr", lambda: "aé€😀".encode("ascii", "backslashreplace"))
attempt("enc xml", lambda: "aé€😀".encode("ascii", "xmlcharrefreplace"))
attempt("enc emoji", lambda: "x😀".encode("ascii"))
attempt("enc utf8", lambda: "aé€😀".encode())
attempt("enc latin1 ok", lambda: "héllo".encode("latin1"))
try:
    b"\xff".decode()
except UnicodeDecodeError as e:
    print(isinstance(e, UnicodeError), isinstance(e, ValueError))
try:
    "é".encode("ascii")
except ValueError as e:
    print("caught as ValueError:", e)
