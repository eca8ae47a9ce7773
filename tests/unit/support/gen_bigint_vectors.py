#!/usr/bin/env python3
"""Generates bigint_vectors.inc: BigInt test vectors whose expected values come
from CPython itself (run with CPython 3.11).

Each entry is {op, a, b, c, expected}. Integer operands and integer results are
written in hexadecimal ("-1f") so that the vectors exercise BigInt::parse and
to_string in base 16 (linear, simple code) rather than depending on the
decimal conversions they also test. Doubles are written as their IEEE-754 bit
pattern ("bits:3ff0000000000000"). Errors are "!Kind:message".

Usage: python3 gen_bigint_vectors.py  (writes bigint_vectors.inc next to itself)
"""

import math
import os
import random
import struct
import sys

sys.set_int_max_str_digits(0)  # vectors include >4300-digit decimal strings
rng = random.Random(20240611)
B = 2**32


def hx(x):
    return "-" + format(-x, "x") if x < 0 else format(x, "x")


def dbits(d):
    return "bits:%016x" % struct.unpack("<Q", struct.pack("<d", d))[0]


def err(e):
    return "!%s:%s" % (type(e).__name__, e)


def to_base(x, base):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if x == 0:
        return "0"
    neg = x < 0
    x = abs(x)
    out = []
    while x:
        x, d = divmod(x, base)
        out.append(digits[d])
    return ("-" if neg else "") + "".join(reversed(out))


def patterned(nlimbs):
    """Limbs biased toward 0, 1, 0x7fffffff, 0x80000000 and 0xffffffff, which
    stress carries, borrows and Knuth D's quotient-digit corrections."""
    x = 0
    for i in range(nlimbs):
        r = rng.random()
        if r < 0.15:
            limb = 0
        elif r < 0.25:
            limb = 0xFFFFFFFF
        elif r < 0.32:
            limb = 0x80000000
        elif r < 0.37:
            limb = 0x7FFFFFFF
        elif r < 0.40:
            limb = 1
        else:
            limb = rng.getrandbits(32)
        x |= limb << (32 * i)
    x |= (rng.getrandbits(32) | 1) << (32 * nlimbs)  # non-zero top limb
    return x


def rand_int(nlimbs):
    x = patterned(nlimbs - 1) if rng.random() < 0.5 else rng.getrandbits(32 * nlimbs) | (1 << (32 * nlimbs - 1))
    return -x if rng.random() < 0.5 else x


SPECIALS = [
    0, 1, 2, 3, 7, 10, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**32 + 1, 2**33,
    2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**64 + 1, 10**19, 2**96 - 1, 10**30,
    2**128 + 2**64 + 1, 3**100, 2**200 - 1,
]
SIGNED_SPECIALS = sorted(set(SPECIALS + [-x for x in SPECIALS]), key=lambda v: (abs(v), v))

cases = []


def add(op, a, b, c, expected):
    cases.append((op, a, b, c, expected))


def binary_ops(a, b, full=True):
    A, Bs = hx(a), hx(b)
    add("add", A, Bs, "", hx(a + b))
    add("sub", A, Bs, "", hx(a - b))
    add("mul", A, Bs, "", hx(a * b))
    if b == 0:
        for op in ("floordiv", "divmod"):
            try:
                a // b
            except ZeroDivisionError as e:
                add(op, A, Bs, "", err(e))
        try:
            a % b
        except ZeroDivisionError as e:
            add("mod", A, Bs, "", err(e))
    else:
        add("floordiv", A, Bs, "", hx(a // b))
        add("mod", A, Bs, "", hx(a % b))
        q, r = divmod(a, b)
        add("divmod", A, Bs, "", hx(q) + "," + hx(r))
    try:
        add("truediv", A, Bs, "", dbits(a / b))
    except (ZeroDivisionError, OverflowError) as e:
        add("truediv", A, Bs, "", err(e))
    if full:
        add("and", A, Bs, "", hx(a & b))
        add("or", A, Bs, "", hx(a | b))
        add("xor", A, Bs, "", hx(a ^ b))
        add("gcd", A, Bs, "", hx(math.gcd(a, b)))
        add("cmp", A, Bs, "", str((a > b) - (a < b)))


def unary_ops(a):
    A = hx(a)
    add("neg", A, "", "", hx(-a))
    add("abs", A, "", "", hx(abs(a)))
    add("not", A, "", "", hx(~a))
    add("bitlen", A, "", "", str(a.bit_length()))
    add("bitcount", A, "", "", str(a.bit_count()))
    add("hash", A, "", "", str(hash(a)))
    try:
        add("todouble", A, "", "", dbits(float(a)))
    except OverflowError as e:
        add("todouble", A, "", "", err(e))
    add("toint64", A, "", "", str(a) if -(2**63) <= a < 2**63 else "nofit")
    if a >= 0:
        add("isqrt", A, "", "", hx(math.isqrt(a)))
    for base in (10, 2, 3, 7, 8, 16, 36):
        add("str", A, str(base), "", to_base(a, base))


# --- unary ops on specials, random values and rounding-sensitive values -----
for v in SIGNED_SPECIALS:
    unary_ops(v)
for n in (1, 2, 3, 4, 5, 8, 13, 40, 100):
    for _ in range(3):
        unary_ops(rand_int(n))
ROUNDING = [
    2**53 + 1, 2**53 + 3, 2**54 + 2, 2**54 + 6, 2**64 - 1, 2**64 + 2**11,
    (2**53 + 1) << 100, ((2**53 + 1) << 100) + 1, ((2**53 + 3) << 100), ((2**53 + 3) << 100) - 1,
    2**1023, 2**1024 - 2**971, 2**1024 - 2**970 - 1, 2**1024 - 2**970, 2**1024, 2**1100,
    (2**1024 - 2**971) + 2**969,
]
for v in ROUNDING:
    for s in (v, -v):
        try:
            add("todouble", hx(s), "", "", dbits(float(s)))
        except OverflowError as e:
            add("todouble", hx(s), "", "", err(e))
# Hash: values around the modulus 2**61 - 1 and negatives whose hash would be -1.
P = 2**61 - 1
for v in (P - 1, P, P + 1, 2 * P, 2 * P - 1, P * P, 2**61, 2**122, -1, -P - 1, -(2 * P) - 1, 10**100):
    add("hash", hx(v), "", "", str(hash(v)))
    add("hash", hx(-v), "", "", str(hash(-v)))

# --- binary ops: all pairs of a subset of specials, plus random pairs --------
CORE = [0, 1, 3, 2**32 - 1, 2**32, 2**32 + 1, 2**63, 2**64 - 1, 2**64 + 1, 10**30, 3**100]
CORE = CORE + [-x for x in CORE if x]
for a in CORE:
    for b in CORE:
        binary_ops(a, b)
for na, nb in [(1, 1), (2, 1), (2, 2), (3, 2), (4, 2), (5, 3), (8, 4), (10, 9), (20, 3), (30, 29),
               (60, 50), (100, 100), (150, 70), (200, 199), (300, 120), (400, 400)]:
    for _ in range(2 if na < 60 else 1):
        binary_ops(rand_int(na), rand_int(nb), full=na < 60)


# Divisions where Knuth D's estimated quotient digit survives the two-limb test
# but is still one too large ("add back" step): found by simulating the
# algorithm on 32-bit limbs, since random operands almost never trigger it.
def knuth_needs_add_back(u, v):
    n = (v.bit_length() + 31) // 32
    if n < 2 or u < v:
        return False
    s = (32 - v.bit_length() % 32) % 32
    un, vn = u << s, v << s
    m = (u.bit_length() + 31) // 32 - n
    vtop = vn >> (32 * (n - 1))
    vsec = (vn >> (32 * (n - 2))) & (B - 1)
    for j in range(m, -1, -1):
        num = un >> (32 * (j + n - 1))
        qhat, rhat = divmod(num, vtop)
        nxt = (un >> (32 * (j + n - 2))) & (B - 1)
        while qhat >= B or qhat * vsec > rhat * B + nxt:
            qhat -= 1
            rhat += vtop
            if rhat >= B:
                break
        if qhat * (vn << (32 * j)) > un:
            return True
        un -= qhat * (vn << (32 * j))
    return False


# u = q0*v - 1 has the same leading limbs as q0*v, so the estimate is q0 while
# the true quotient digit is q0 - 1.
found = 0
for attempt in range(100000):
    nv = rng.choice((3, 4, 5))
    v = patterned(nv - 1) >> rng.choice((0, 0, 1, 5, 31))
    q0 = rng.getrandbits(32) | 2
    u = q0 * v - 1
    if rng.random() < 0.5:
        u = u * B + rng.getrandbits(32)  # one more quotient digit below
    if knuth_needs_add_back(u, v):
        for sa, sb in ((1, 1), (-1, 1), (1, -1)):
            add("divmod", hx(sa * u), hx(sb * v), "", hx(sa * u // (sb * v)) + "," + hx(sa * u % (sb * v)))
        found += 1
        if found == 12:
            break
if found < 4:
    sys.exit("could not find Knuth add-back cases")

# --- truediv edge cases ------------------------------------------------------
TRUEDIV = [
    (1, 3), (2, 3), (10**400, 10**399), (-(10**400), 7), (1, 2**1074), (1, 2**1075), (3, 2**1076),
    (1, 2**1076), (2**1100, 2**80), (2**2000, 2**976), (2**2000, 2**977), (2**2000, 1),
    (2**1024 - 2**970, 1), (2**1024 - 2**970 - 1, 1), ((2**53 + 1) << 1000, 2**1000),
    (((2**53 + 1) << 1000) + 1, 2**1000), (2**53 + 1, 1), (2**54 + 1, 2), (10**30, 10**30 + 1),
    (0, 2**100), (0, -(2**100)), (2**100, 0), (5, 2**1080), (3**1000, 2**1000 * 3**990),
    (2**60 + 1, 2**60 - 1), (2**1074 * 3, 2**2150), (2**1074 * 3 + 1, 2**2150),
]
for a, b in TRUEDIV:
    for sa, sb in ((1, 1), (-1, 1), (-1, -1)):
        try:
            add("truediv", hx(sa * a), hx(sb * b), "", dbits((sa * a) / (sb * b)))
        except (ZeroDivisionError, OverflowError) as e:
            add("truediv", hx(sa * a), hx(sb * b), "", err(e))
for _ in range(60):
    a = rand_int(rng.randint(1, 40))
    b = rand_int(rng.randint(1, 40))
    try:
        add("truediv", hx(a), hx(b), "", dbits(a / b))
    except OverflowError as e:
        add("truediv", hx(a), hx(b), "", err(e))

# --- shifts ------------------------------------------------------------------
for v in [0, 1, -1, 2**32 - 1, -(2**32), 2**64 + 1, -(2**64) - 1, 3**100, -(3**100), rand_int(7)]:
    for n in (0, 1, 31, 32, 33, 63, 64, 65, 100, 1000):
        add("shl", hx(v), str(n), "", hx(v << n))
        add("shr", hx(v), str(n), "", hx(v >> n))

# --- pow and pow_mod ---------------------------------------------------------
for base in (0, 1, -1, 2, -2, 3, -3, 10, 2**32, -(2**32) - 1, 3**40):
    for e in (0, 1, 2, 3, 7, 31, 32, 33, 64, 100):
        add("pow", hx(base), str(e), "", hx(base**e))
add("pow", hx(2), "10000", "", hx(2**10000))
add("pow", hx(3), "5000", "", hx(3**5000))
add("pow", hx(-7), "1001", "", hx((-7) ** 1001))
add("pow", hx(12345678901234567890), "300", "", hx(12345678901234567890**300))
for base, e, m in [(2, 10, 1000), (-2, 3, 7), (-2, 3, -7), (2, 3, -7), (3, 0, 1), (3, 0, -1), (0, 0, 5),
                   (0, 5, 5), (5, 5, 5), (2**100 + 7, 2**64 + 13, 10**30 + 57), (-(3**80), 3**50, -(2**89 - 1)),
                   (3, -1, 7), (3, -1, -7), (2, -1, 4), (-5, -3, 11), (10**40, -2, 10**20 + 39), (0, -1, 1),
                   (7, 10**20, 1), (7, 10**20, -1), (rand_int(10), abs(rand_int(6)), rand_int(9)),
                   (rand_int(30), abs(rand_int(3)), rand_int(25)), (2, 2**64 - 1, 2**64 - 59), (4, 5, 0)]:
    try:
        add("powmod", hx(base), hx(e), hx(m), hx(pow(base, e, m)))
    except ValueError as e2:
        add("powmod", hx(base), hx(e), hx(m), err(e2))

# --- gcd / isqrt extras ------------------------------------------------------
for a, b in [(2**200 * 3**50, 2**100 * 3**70 * 5), (10**50 + 1, 10**25 - 1), (rand_int(20), rand_int(15)),
             (math.factorial(200), math.factorial(150) * 7**30), (0, -(2**80)), (-(2**80), 0)]:
    add("gcd", hx(a), hx(b), "", hx(math.gcd(a, b)))
for v in [2**64 - 1, 2**64, 2**128 - 1, 2**128, (2**100 + 1)**2, (2**100 + 1)**2 - 1, 10**400, abs(rand_int(90))]:
    add("isqrt", hx(v), "", "", hx(math.isqrt(v)))

# --- parse -------------------------------------------------------------------
PARSE = [
    ("0", 10), ("-0", 10), ("+17", 10), ("1_000_000", 10), ("123456789012345678901234567890", 10),
    ("-ffff_ffff_ffff_ffff", 16), ("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF1", 16), ("zz", 36), ("ZZ_zz", 36),
    ("101", 2), ("777", 8), ("12", 3), ("0000000000000000000012", 10), ("1" * 100, 2), ("7" * 60, 8),
    ("6" * 80, 7), ("z" * 50, 36), ("9" * 5000, 10), ("1" + "0" * 6000, 10), ("-" + "123456789" * 700, 10),
    ("", 10), ("-", 10), ("_1", 10), ("1_", 10), ("1__0", 10), ("+_1", 10), ("12a", 10), ("2", 2),
    ("8", 8), ("g", 16), ("1 2", 10), ("--1", 10), ("+-1", 10), ("1.0", 10), ("abc", 12), ("-_", 10),
]
for text, base in PARSE:
    try:
        add("parse", text, str(base), "", hx(int(text, base)))
    except ValueError:
        add("parse", text, str(base), "", "!ValueError:invalid literal")

# --- from_double -------------------------------------------------------------
for d in [0.0, -0.0, 0.5, -0.99, 1.0, -1.5, 2.0**52 + 0.5, 2.0**53, 2.0**63, 2.0**64, -(2.0**64),
          1e19, 1e20, 1.7976931348623157e308, -1.7976931348623157e308, 5e-324, 123456789.987, 2.0**64 * 3]:
    add("fromdouble", dbits(d)[5:], "", "", hx(int(d)))


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "bigint_vectors.inc"), "w") as f:
    f.write("// Generated by gen_bigint_vectors.py with CPython %s; do not edit.\n" % sys.version.split()[0])
    f.write("// clang-format off\n")
    f.write("static const BigIntVector kBigIntVectors[] = {\n")
    for op, a, b, c, e in cases:
        f.write("    {%s, %s, %s, %s, %s},\n" % (cstr(op), cstr(a), cstr(b), cstr(c), cstr(e)))
    f.write("};\n")
    f.write("// clang-format on\n")
print("wrote %d cases" % len(cases))
