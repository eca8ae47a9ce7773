# re.error's messages and positions for invalid patterns and replacement
# templates, and the TypeError/ValueError/IndexError of misuse.
import re
bad = ["*", "a**", "(", ")", "[a", "[z-a]", r"\q", "(?P<1>a)", "(?P<a>x)(?P<a>y)", "(?P=b)", r"\2(a)", "(a)\\2",
       "a{3,2}", "(?<=a+)b", "(?z)", "x(?i)", "(?", "(?P", "(?Px", "(?<x", r"[\q]", r"\x1", r"\u12", "(?#abc",
       "a|*", "(?i", "(?i-", "(?i-:a)", "(?-i)", "(?ii-i:a)", "(?a-a:b)", "[]", "[^]", "\\", "(?(a)b)", "(?(0)b)",
       "(?(1a)b)", "(?P<a>a)(?(b)c)", "ab\n(", "\\777", "x{2}{3}", "^*", "(?<=(?P<a>x)(?P=a))", "(?<=a|bc)"]
for p in bad:
    try:
        re.compile(p)
        print("ok", repr(p))
    except re.error as e:
        print(repr(p), "->", e, "|", e.msg, e.pos, e.lineno, e.colno)
    except Exception as e:
        print(repr(p), "=>", type(e).__name__, e)
for p, s in [("(?(1)b)", "x"), ("(a)(?(2)b)", "a")]:
    try:
        print(re.match(p, s))
    except re.error as e:
        print(repr(p), "->", e)
for repl in [r"\3", r"\g<x>", r"\g<1", r"\g<>", r"\q", "\\", r"\g<-1>", r"\g<a b>"]:
    try:
        print(re.sub("(a)(b)", repl, "ab"))
    except Exception as e:
        print(repr(repl), type(e).__name__, e)
print(re.sub("(a)|b", r"[\1]", "ab"))
print(re.sub("a", r"\n\t\\x", "a"))
print(re.sub("a", r"\0", "a") == "\0")
try:
    re.sub("a", lambda m: 1, "a")
except TypeError as e:
    print(e)
try:
    re.match("a", 1)
except TypeError as e:
    print(e)
try:
    re.match(b"a", "a")
except TypeError as e:
    print(e)
try:
    re.match("a", b"a")
except TypeError as e:
    print(e)
try:
    re.compile(1)
except TypeError as e:
    print(e)
try:
    re.compile(re.compile("a"), re.I)
except ValueError as e:
    print(e)
try:
    re.compile("a", re.L)
except ValueError as e:
    print(e)
try:
    re.compile("a", re.A | re.U)
except ValueError as e:
    print(e)
m = re.match("(a)(b)?", "a")
for g in [3, "x", -1]:
    try:
        m.group(g)
    except IndexError as e:
        print(e)
print(m.span(2), m.start(2), m.group(2), m.groups(), m.regs)
print(re.match(b"(\\w+)", b"abc def"), re.findall(rb"\d", b"a1b2"), re.sub(b"a", b"x", b"aba"))
print(re.compile(b"a", re.I))
print(re.compile("a" * 300))
print(re.match(".*", "x" * 100))
print(type(re.compile("a")), type(re.match("a", "a")))
print(re.I, re.M | re.S)
e = re.error("boom")
print(e, isinstance(e, Exception), re.error.__name__, re.error.__module__)
