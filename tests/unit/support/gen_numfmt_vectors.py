#!/usr/bin/env python3
"""Generates numfmt_vectors.inc: expected results computed by CPython 3.11.

Every expected string in test_numfmt.cpp comes from here, so the C++ code is
checked against the real interpreter rather than against our reading of it.
Run from anywhere with CPython 3.11:  python3 gen_numfmt_vectors.py
"""

import math
import os
import random
import struct
import sys

assert sys.version_info[:2] == (3, 11), "expected strings must come from CPython 3.11"

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "numfmt_vectors.inc")
rng = random.Random(20240611)


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def cstr(s):
    """A C++ string literal holding the UTF-8 bytes of s (octal escapes are
    used for anything unusual so no escape can swallow a following char)."""
    out = ['"']
    for byte in s.encode("utf-8", "surrogatepass"):
        ch = chr(byte)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= byte < 127 and ch != "?":
            out.append(ch)
        else:
            out.append("\\%03o" % byte)
    out.append('"sv')  # a string_view keeps embedded NULs ('\0' from format(0, 'c'))
    return "".join(out)


def outcome(fn):
    """(ok, text): the result string, or 'Kind: message' for an exception."""
    try:
        return True, fn()
    except (ValueError, OverflowError, TypeError, MemoryError) as e:
        return False, "%s: %s" % (type(e).__name__, e)


def hexint(x):
    """x in base 16 ("-1f"), parsed with BigInt::parse(text, 16) by the test
    (decimal would itself hit the 4300-digit limit)."""
    return cstr(("-" if x < 0 else "") + "%x" % abs(x))


def b(ok):
    return "true" if ok else "false"


FLOATS = [
    0.0, -0.0, 0.1, -0.1, 1 / 3, 2 / 3, -2 / 3, 1e22, 1e23, 5e-324, -5e-324,
    2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
    -1.7976931348623157e308, 2.5, 3.5, -2.5, 0.125, 0.375, 123456.789, -123456.789,
    1.0, -1.0, 10.0, 100.0, 1e15, 1e16, 1e17, 9999999999999998.0, 1.5, 0.5, 1e-4,
    1e-5, 0.00012345, 1.5e-7, 12345678901234567890.0, 123456789012345.0,
    1234567890123456.0, 2.0 ** 53, 2.0 ** 53 + 2, 0.30000000000000004, 9.5, 0.95,
    0.05, 99.995, 2.675, 1e100, 1e-100, 6.02214076e23, math.pi, -math.e, 999999.5,
    0.999999, 9.9999995, 1e-7, 4.35, 0.045, 1234.5678, -0.0001, -1e-10, 5e-5,
    0.00001234, 2.0 ** 60, 2.0 ** -20, 7.0, 1e300, 1.1e-300,
    math.inf, -math.inf, math.nan, -math.nan,
]

INTS = [
    0, 1, -1, 7, -7, 10, 42, 97, 233, 255, -255, 1000, 1234, -1234, 65535, 8364,
    128512, 123456789, -123456789, 2 ** 31, 2 ** 32 - 1, 2 ** 53 + 1, 2 ** 63 - 1,
    -2 ** 63, 10 ** 15, 0x10FFFF, 0x110000, -98765, 999999,
]

BIGINTS = [
    2 ** 64, -2 ** 64, 10 ** 30, -(10 ** 40) + 7, 2 ** 100 - 1, 3 ** 200,
    -(3 ** 150), 2 ** 1024, 10 ** 4299, 10 ** 4300 - 1, 10 ** 4300, -(10 ** 4300 - 1),
    2 ** 63, -2 ** 63 - 1,
]

STRS = ["", "a", "abc", "hello world", "é", "naïve", "日本語", "😀x", "tab\tx"]

FILL_ALIGN = ["", "<", ">", "^", "=", "*<", "*>", "*^", "*=", "0<", "0=", "é^", "€>",
              " >", "x<", "{^"]
SIGNS = ["", "+", "-", " "]
WIDTHS = ["", "1", "7", "12", "25"]
GROUPS = ["", ",", "_"]
PRECS = ["", ".0", ".1", ".2", ".3", ".6", ".12", ".17", ".20", ".50"]
FLOAT_TYPES = ["", "e", "E", "f", "F", "g", "G", "n", "%", "d", "s", "x", "c"]
INT_TYPES = ["", "d", "b", "o", "x", "X", "n", "c", "e", "f", "g", "%", "E", "G", "F", "s"]


def random_spec(types, precs):
    return "".join([
        rng.choice(FILL_ALIGN), rng.choice(SIGNS), rng.choice(["", "", "", "z"]),
        rng.choice(["", "", "#"]), rng.choice(["", "", "0"]), rng.choice(WIDTHS),
        rng.choice(GROUPS), rng.choice(precs), rng.choice(types),
    ])


# Specs that probe the parser's error paths (and a few odd valid ones).
ODD_SPECS = [
    ",,", "_,", ",_", "__", "1,,", ".", "10.", "abc", "x<05", "<<", "<<<", "=", "0",
    "00", "010", "+", "z", "#", "99999999999999999999", ".99999999999999999999",
    ".2147483648f", "5 ", " 5", "\x01", "é", ",é", "_n", ",n", ",c", "_c", "_s", ",s",
    "_x", ",x", "_b", ",o", "ss", "dd", "..2", "10.2.", "\u0663", "1\u0663", ".\u0663f",
    "#x", "#o", "#b", "#X", "#c", "+c", "c", " c", "^c", "=c", "0c", "z.2f", "z", "zd",
    "-z", "#.0f", "#.0e", "#g", "#.3g", "#", "#.2", "#10.4", ".0", ".1", ".3", ".16",
    ".17", ".20", "<>", "->", "-<5", "*", "**", "\U0001F600^9", "\U0001F600", "é<4s",
]


def float_cases():
    cases = []
    values = list(FLOATS)
    for _ in range(40):
        values.append(from_bits(rng.getrandbits(64)))
    for _ in range(40):
        values.append(rng.randint(-10 ** 7, 10 ** 7) / 10 ** rng.randint(0, 9))
    # Deterministic coverage of digit generation: every value with every type
    # and a spread of precisions.
    for x in FLOATS:
        for t in ["", "e", "E", "f", "F", "g", "G", "n", "%"]:
            for p in ["", ".0", ".1", ".2", ".5", ".15", ".17", ".25"]:
                for extra in ["", "#"]:
                    cases.append((x, extra + p + t))
    for x in FLOATS:
        for s in ODD_SPECS:
            cases.append((x, s))
    for _ in range(6000):
        cases.append((rng.choice(values), random_spec(FLOAT_TYPES, PRECS)))
    return cases


def int_cases():
    cases = []
    for x in INTS:
        for t in INT_TYPES:
            for s in ["", "#", "+", " ", "010", ",", "_", "#012_", "*^+#20,", "<10", "^9"]:
                cases.append((x, s + t))
        for s in ODD_SPECS:
            cases.append((x, s))
    for _ in range(4000):
        cases.append((rng.choice(INTS), random_spec(INT_TYPES, ["", "", "", ".2"])))
    return cases


def emit(f, name, struct_name, rows):
    f.write("const %s %s[] = {\n" % (struct_name, name))
    for row in rows:
        f.write("    {%s},\n" % ", ".join(row))
    f.write("};\n\n")


def main():
    with open(OUT, "w", encoding="ascii") as f:
        f.write("// Generated by gen_numfmt_vectors.py from CPython %s. Do not edit.\n\n"
                % sys.version.split()[0])

        # repr / float.hex of tricky values, powers of two, random bit patterns
        # and short decimals (the fast path).
        reprs = list(FLOATS)
        reprs += [2.0 ** e for e in range(-1074, 1024)]
        reprs += [from_bits(rng.getrandbits(64)) for _ in range(4000)]
        reprs += [rng.randint(1, 10 ** rng.randint(1, 17)) / 10 ** rng.randint(0, 22)
                  for _ in range(3000)]
        reprs += [float("%.*e" % (rng.randint(0, 16), from_bits(rng.getrandbits(64))))
                  for _ in range(2000)]
        emit(f, "kReprVectors", "ReprVector",
             [("0x%016xULL" % bits(x), cstr(repr(x)), cstr(x.hex())) for x in reprs])

        rows = []
        for x, spec in float_cases():
            ok, text = outcome(lambda: format(x, spec))
            rows.append(("0x%016xULL" % bits(x), cstr(spec), b(ok), cstr(text)))
        emit(f, "kFloatFormatVectors", "FloatFormatVector", rows)

        rows = []
        for x, spec in int_cases():
            ok, text = outcome(lambda: format(x, spec))
            rows.append(("INT64_C(%d)" % x if x != -2 ** 63 else "INT64_MIN", cstr(spec), b(ok),
                         cstr(text)))
        # An empty spec means str(obj) ('True'), which the runtime handles.
        for x in [True, False]:
            for spec in ["d", "y", "x", ".2", "5", "c", "f", ",s"]:
                ok, text = outcome(lambda: format(x, spec))
                rows.append(("INT64_C(%d)" % x, cstr(spec), b(ok), cstr("bool|" + text)))
        emit(f, "kIntFormatVectors", "IntFormatVector", rows)

        rows = []
        for x in BIGINTS:
            huge = abs(x) > 10 ** 1000
            for t in INT_TYPES if not huge else ["", "d", "n", "x", "c", "f"]:
                for s in ["", "#", "+", "050", ",", "_", "^+#200_", "<10"] if not huge else ["", ","]:
                    ok, text = outcome(lambda: format(x, s + t))
                    rows.append((hexint(x), cstr(s + t), b(ok), cstr(text)))
        emit(f, "kBigIntFormatVectors", "BigIntFormatVector", rows)

        rows = []
        str_specs = ["", "s", "5", "<5", ">5", "^5", "^6s", "*^7", "é>4", "0", "05", "010s",
                     ".0", ".1", ".2s", "10.3", "=5", "+", " s", "#", "z", ",", "_", ",s", "d",
                     "x", "c", "ss", "é", ".", "0=5", "0<5"]
        for x in STRS:
            for s in str_specs + ODD_SPECS:
                ok, text = outcome(lambda: format(x, s))
                rows.append((cstr(x), cstr(s), b(ok), cstr(text)))
        emit(f, "kStrFormatVectors", "StrFormatVector", rows)

        texts = ["1", " 1.5 ", "1_000.5", "1__0", "_1", "1_", "1e5", "1e_5", "1_e5", "1e1_0",
                 "1_0.5_5", "1._5", ".5", "5.", ".", "", " ", "inf", "-Infinity", "+nan",
                 "nAn", "-nan", "infinit", "infinityy", "1e", "1e+", "e5", "0x10", "1.5e-400",
                 "1e400", "-1e400", "\u00a01.5\u2003", "\u0661\u0662\u0663", "1\x00",
                 "0.1", "12345678901234567890123456789", "1.7976931348623157e308",
                 "1.7976931348623159e308", "2.4703282292062328e-324",
                 "2.4703282292062327e-324", "1e-324", "-0", "- 1", "+-1", "1 2",
                 "\t\n1\x0b\x0c\r", "\x1c1", "in f", "1.5j", "NaN", "inF", "+.5e-3",
                 "00000.000001", "1E5", "1e+05", "١.٥", "1.5\u3000", "\u20281\u2029",
                 "0.30000000000000004", "123456789e-20", "1" * 400, "0." + "0" * 400 + "1",
                 "9" * 30 + "e-10", "1.000000000000000055511151231257827",
                 "0.1000000000000000055511151231257827021181583404541015625", "∞", "1,5"]
        rows = []
        for t in texts:
            try:
                v = float(t)
                rows.append((cstr(t), "true", "0x%016xULL" % bits(v)))
            except ValueError:
                rows.append((cstr(t), "false", "0"))
        emit(f, "kParseFloatVectors", "ParseFloatVector", rows)

        int_texts = [("0", 10), ("-0", 10), ("+12", 10), (" 42 ", 10), ("1_000", 10),
                     ("1__000", 10), ("_1", 10), ("1_", 10), ("0x1f", 0), ("0x1f", 16),
                     ("0x1f", 10), ("0X1F", 0), ("0o17", 0), ("0O17", 8), ("0b101", 0),
                     ("0b101", 2), ("0b102", 0), ("010", 0), ("00", 0), ("0_0", 0),
                     ("0_7", 0), ("0x_1", 0), ("0x__1", 0), ("0x", 0), ("0x", 16), ("z", 36),
                     ("Z", 36), ("12", 2), ("9223372036854775807", 10),
                     ("9223372036854775808", 10), ("-9223372036854775808", 10),
                     ("-9223372036854775809", 10), ("123456789012345678901234567890", 10),
                     ("-1_2345_6789_0123_4567_8901", 10), ("ffffffffffffffffffff", 16),
                     ("0b1", 16), ("\u0661\u0662\u0663", 10), ("\u2003 7 \u3000", 10),
                     ("1 2", 10), ("", 10), (" ", 10), ("-", 10), ("0x10", 8), ("08", 0),
                     ("0", 0), ("-0b1_0", 0), ("0b_", 0), ("1e5", 10), ("12", 3), ("13", 3),
                     ("7", 1), ("7", 37), ("+ 1", 10), ("1\x00", 10), ("0_", 0), ("١٢_٣", 10),
                     ("\t-0o777\n", 0), ("0" * 30 + "1", 10), ("1" * 100, 2), ("zz" * 20, 36)]
        rows = []
        for t, base in int_texts:
            try:
                rows.append((cstr(t), str(base), "true", cstr(str(int(t, base)))))
            except ValueError:
                rows.append((cstr(t), str(base), "false", '""sv'))
        emit(f, "kParseIntVectors", "ParseIntVector", rows)

        rows = []
        round_values = FLOATS + [from_bits(rng.getrandbits(64)) for _ in range(60)]
        round_values += [rng.randint(-10 ** 6, 10 ** 6) / 1000 for _ in range(60)]
        round_values += [0.5, 1.5, -0.5, 2.5e-5, 125.0, 135.0, 5e-5, 0.285, 1.005, 1e308]
        for x in round_values:
            for n in [-400, -309, -308, -307, -300, -30, -20, -5, -3, -2, -1, 0, 1, 2, 3, 4,
                      5, 10, 15, 16, 17, 20, 100, 300, 322, 323, 324, 400]:
                try:
                    rows.append(("0x%016xULL" % bits(x), str(n), "true",
                                 "0x%016xULL" % bits(round(x, n))))
                except OverflowError:
                    rows.append(("0x%016xULL" % bits(x), str(n), "false", "0"))
        emit(f, "kRoundVectors", "RoundVector", rows)

        def flag_sets():
            for mask in range(32):
                yield "".join(c for i, c in enumerate("-+ #0") if mask & (1 << i))

        rows = []
        pf_values = [x for x in FLOATS] + [from_bits(rng.getrandbits(64)) for _ in range(10)]
        for x in pf_values:
            for flags in flag_sets():
                for width in [-1, 5, 14]:
                    for prec in [-1, 0, 3, 12]:
                        if rng.random() < 0.93:
                            continue
                        for conv in "eEfFgG":
                            fmt = ("%" + flags + (str(width) if width >= 0 else "") +
                                   ("." + str(prec) if prec >= 0 else "") + conv)
                            rows.append(("0x%016xULL" % bits(x), cstr(flags), str(width),
                                         str(prec), "'%s'" % conv, cstr(fmt % x)))
        emit(f, "kPercentFloatVectors", "PercentFloatVector", rows)

        rows = []
        for x in INTS + BIGINTS[:8]:
            for flags in flag_sets():
                for width in [-1, 3, 12]:
                    for prec in [-1, 0, 5]:
                        for conv in "dioxXu":
                            if rng.random() < 0.88:
                                continue
                            fmt = ("%" + flags + (str(width) if width >= 0 else "") +
                                   ("." + str(prec) if prec >= 0 else "") + conv)
                            rows.append((hexint(x), cstr(flags), str(width), str(prec),
                                         "'%s'" % conv, cstr(fmt % x)))
        emit(f, "kPercentIntVectors", "PercentIntVector", rows)


main()
