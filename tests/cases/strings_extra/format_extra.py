# str.format / format_map edge cases and errors.
def attempt(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "=>", type(e).__name__ + ":", e)

class P:
    x = 3
    def __init__(self):
        self.items = [10, 20]
    def __format__(self, spec):
        return "P<" + spec + ">"

attempt("lone {", lambda: "{".format())
attempt("unterminated", lambda: "{0".format(1))
attempt("lone }", lambda: "}".format())
attempt("mid }", lambda: "a}b".format())
attempt("bad conv", lambda: "{0!x}".format(1))
attempt("empty conv", lambda: "{0!}".format(1))
attempt("conv rr", lambda: "{0!rr}".format(1))
attempt("conv end", lambda: "{0!r".format(1))
attempt("auto->manual", lambda: "{}{0}".format(1))
attempt("manual->auto", lambda: "{0}{}".format(1))
attempt("index range", lambda: "{1}".format(1))
attempt("auto range", lambda: "{}{}".format(1))
attempt("missing kw", lambda: "{x}".format(1))
attempt("empty attr", lambda: "{0.}".format(1))
attempt("open bracket", lambda: "{0[}".format(1))
attempt("empty bracket", lambda: "{0[]}".format(1))
attempt("after ]", lambda: "{0[0]x}".format([1]))
attempt("attr chain", lambda: "{0.real.imag}".format(1))
attempt("str key", lambda: "{0[a]}".format({"a": 2}))
attempt("int key", lambda: "{0[1]}".format({"1": 2}))
attempt("neg key", lambda: "{0[-1]}".format({"-1": 3}))
attempt("no attr", lambda: "{0.foo}".format(1))
attempt("nested", lambda: "{:{}}".format(1, 5))
attempt("nested2", lambda: "{:{}{}}".format(1, ">", 5))
attempt("too deep", lambda: "{:{:{}}}".format(1, 2, 3))
attempt("nested named", lambda: "{0:{1}}".format("a", "^5"))
attempt("conv spec", lambda: "{!r:>10}".format("a"))
attempt("empty spec", lambda: "{0:}".format(3))
attempt("spaces name", lambda: "{ 0 }".format(1))
attempt("neg index", lambda: "{-1}".format(1))
attempt("00", lambda: "{00}".format(1))
attempt("0x", lambda: "{0x}".format(1))
attempt("kw chain", lambda: "{a.b[0].c}".format(a=1))
attempt("escapes", lambda: "{{}} {{{0}}} }}{{".format(7))
attempt("obj attr", lambda: "{0.x} {0.items[1]} {p.items[0]}".format(P(), p=P()))
attempt("dunder format", lambda: "{0:abc} {0}".format(P()))
attempt("mixed", lambda: "{} {name} {}".format(1, 2, name="n"))
attempt("repeat", lambda: "{0}{1}{0}".format("a", "b"))
attempt("ascii conv", lambda: "{!a}".format("é😀"))
attempt("str conv", lambda: "{0!s:*^9}".format([1]))
attempt("unicode fill", lambda: "{:é^7}|{:<5}|{:>5}".format("中", "é", "😀"))
attempt("numbers", lambda: "{:5d}|{:<8.3f}|{:+,}|{:#x}|{:08.2e}|{:%}".format(42, 3.14159, 1234567, 255, 12345.678, 0.25))
attempt("bad spec", lambda: "{:d}".format("x"))
attempt("format_map", lambda: "{a} {b[0]}".format_map({"a": 1, "b": [2]}))
attempt("format_map missing", lambda: "{z}".format_map({}))
attempt("format_map positional", lambda: "{0}".format_map({}))
class M:
    def __getitem__(self, k):
        return "<" + k + ">"
attempt("format_map mapping", lambda: "{a} {zz}".format_map(M()))
attempt("unicode literal", lambda: "é{}中{{}}".format("😀"))
attempt("bad conv unicode", lambda: "{0!é}".format(1))
attempt("unexpected {", lambda: "{a{}".format(1))
