// BigInt tests: CPython-generated vectors (bigint_vectors.inc, regenerate with
// gen_bigint_vectors.py) plus seeded randomized identities and timing checks.
#include <gtest/gtest.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "support/bigint.h"

namespace monty {
namespace {

struct BigIntVector {
  const char* op;
  const char* a;
  const char* b;
  const char* c;
  const char* expected;
};

#include "bigint_vectors.inc"

BigInt H(const std::string& hex) {
  auto r = BigInt::parse(hex, 16);
  EXPECT_TRUE(r) << "bad hex operand " << hex;
  return r ? *r : BigInt();
}

std::string hex(const BigInt& v) { return v.to_string(16); }

// memcpy rather than std::bit_cast: Emscripten 3.1.6's libc++ lacks bit_cast.
std::string bits(double d) {
  uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  char buf[32];
  std::snprintf(buf, sizeof buf, "bits:%016" PRIx64, u);
  return buf;
}

double from_bits(uint64_t u) {
  double d;
  std::memcpy(&d, &u, sizeof d);
  return d;
}

const char* kind_name(ErrorKind k) {
  switch (k) {
    case ErrorKind::ValueError:
      return "ValueError";
    case ErrorKind::TypeError:
      return "TypeError";
    case ErrorKind::OverflowError:
      return "OverflowError";
    case ErrorKind::ZeroDivisionError:
      return "ZeroDivisionError";
    case ErrorKind::MemoryError:
      return "MemoryError";
  }
  return "?";
}

std::string err(const Error& e) { return std::string("!") + kind_name(e.kind) + ":" + e.message; }

template <typename T, typename F>
std::string show(const Result<T>& r, F f) {
  return r ? f(r.value()) : err(r.error());
}

// Evaluates one vector entry and renders the result the way the generator
// renders CPython's.
std::string eval(const BigIntVector& v) {
  const std::string op = v.op;
  if (op == "parse") {
    return show(BigInt::parse(v.a, std::stoi(v.b)), hex);
  }
  if (op == "fromdouble") {
    return hex(BigInt::from_double(from_bits(std::stoull(v.a, nullptr, 16))));
  }
  const BigInt a = H(v.a);
  if (op == "neg") return hex(BigInt::neg(a));
  if (op == "abs") return hex(BigInt::abs(a));
  if (op == "not") return hex(BigInt::bit_not(a));
  if (op == "bitlen") return std::to_string(a.bit_length());
  if (op == "bitcount") return std::to_string(a.bit_count());
  if (op == "hash") return std::to_string(a.hash());
  if (op == "todouble") return show(a.to_double(), bits);
  if (op == "toint64") return a.fits_int64() ? std::to_string(a.to_int64()) : "nofit";
  if (op == "isqrt") return hex(BigInt::isqrt(a));
  if (op == "str") return a.to_string(std::stoi(v.b));
  if (op == "shl") return hex(BigInt::shl(a, std::stoull(v.b)));
  if (op == "shr") return hex(BigInt::shr(a, std::stoull(v.b)));
  if (op == "pow") return hex(BigInt::pow(a, std::stoull(v.b)));
  const BigInt b = H(v.b);
  if (op == "add") return hex(BigInt::add(a, b));
  if (op == "sub") return hex(BigInt::sub(a, b));
  if (op == "mul") return hex(BigInt::mul(a, b));
  if (op == "floordiv") return show(BigInt::floordiv(a, b), hex);
  if (op == "mod") return show(BigInt::mod(a, b), hex);
  if (op == "divmod") {
    return show(BigInt::divmod(a, b), [](const std::pair<BigInt, BigInt>& qr) {
      return hex(qr.first) + "," + hex(qr.second);
    });
  }
  if (op == "truediv") return show(BigInt::truediv(a, b), bits);
  if (op == "and") return hex(BigInt::bit_and(a, b));
  if (op == "or") return hex(BigInt::bit_or(a, b));
  if (op == "xor") return hex(BigInt::bit_xor(a, b));
  if (op == "gcd") return hex(BigInt::gcd(a, b));
  if (op == "cmp") return std::to_string(BigInt::compare(a, b));
  if (op == "powmod") return show(BigInt::pow_mod(a, b, H(v.c)), hex);
  return "unknown op " + op;
}

TEST(BigIntVectors, MatchCPython) {
  size_t failures = 0;
  for (const BigIntVector& v : kBigIntVectors) {
    const std::string got = eval(v);
    if (got != v.expected) {
      ADD_FAILURE() << v.op << "(" << v.a << ", " << v.b << ", " << v.c << ")\n  expected "
                    << v.expected << "\n  got      " << got;
      if (++failures > 20) break;
    }
  }
  EXPECT_GT(sizeof(kBigIntVectors) / sizeof(kBigIntVectors[0]), 5000u);
}

// ---------------------------------------------------------------------------
// Construction, conversion and representation invariants.

TEST(BigIntBasics, Int64RoundTripAndLimits) {
  for (int64_t v : {int64_t{0}, int64_t{1}, int64_t{-1}, INT64_MAX, INT64_MIN, int64_t{1} << 32,
                    -(int64_t{1} << 32), int64_t{4294967295}}) {
    BigInt b(v);
    EXPECT_TRUE(b.fits_int64());
    EXPECT_EQ(b.to_int64(), v);
    EXPECT_EQ(b.to_string(), std::to_string(v));
  }
  EXPECT_TRUE(BigInt(0).is_zero());
  EXPECT_FALSE(BigInt(0).is_negative());
  EXPECT_EQ(BigInt(-5).sign(), -1);
  EXPECT_FALSE(BigInt::add(BigInt(INT64_MAX), BigInt(1)).fits_int64());
  EXPECT_TRUE(BigInt::sub(BigInt(INT64_MIN), BigInt(0)).fits_int64());
  EXPECT_FALSE(BigInt::sub(BigInt(INT64_MIN), BigInt(1)).fits_int64());
  EXPECT_EQ(BigInt::from_uint64(UINT64_MAX).to_string(), "18446744073709551615");
}

TEST(BigIntBasics, CanonicalForm) {
  // Leading zero limbs are dropped and zero is never negative, so == works.
  EXPECT_EQ(BigInt::from_limbs(true, {0, 0}), BigInt());
  EXPECT_EQ(BigInt::from_limbs(false, {5, 0, 0}), BigInt(5));
  EXPECT_EQ(BigInt::from_limbs(true, {5, 0}).limbs().size(), 1u);
  EXPECT_EQ(BigInt::sub(BigInt(7), BigInt(7)), BigInt());
  EXPECT_FALSE(BigInt::mul(BigInt(-7), BigInt(0)).is_negative());
  EXPECT_FALSE(BigInt::neg(BigInt(0)).is_negative());
  EXPECT_FALSE((*BigInt::mod(BigInt(-8), BigInt(4))).is_negative());
  EXPECT_FALSE(BigInt::shr(BigInt(0), 5).is_negative());
  EXPECT_GT(BigInt::shl(BigInt(1), 1000).memory_size(), 1000u / 8);
}

TEST(BigIntBasics, DecimalDigitsEstimate) {
  std::mt19937_64 rng(7);
  BigInt ten(10);
  BigInt p(1);
  for (int digits = 1; digits < 700; ++digits) {
    // Check 10**(d-1) (smallest d-digit value), 10**d - 1 (largest) and a random one.
    BigInt lo = p;
    p = BigInt::mul(p, ten);
    BigInt hi = BigInt::sub(p, BigInt(1));
    for (const BigInt& v : {lo, hi, BigInt::neg(hi)}) {
      size_t est = v.decimal_digits_estimate();
      EXPECT_TRUE(est == static_cast<size_t>(digits) || est == static_cast<size_t>(digits) + 1)
          << digits << " " << est;
    }
  }
  EXPECT_EQ(BigInt().decimal_digits_estimate(), 1u);
}

TEST(BigIntBasics, NegativeZeroResults) {
  auto z = BigInt::truediv(BigInt(0), BigInt(-3));
  ASSERT_TRUE(z);
  EXPECT_TRUE(std::signbit(*z));
  auto from = BigInt::from_double(-0.75);
  EXPECT_TRUE(from.is_zero());
  EXPECT_FALSE(from.is_negative());
}

TEST(BigIntBasics, ParseBaseLimits) {
  EXPECT_FALSE(BigInt::parse("1", 1));
  EXPECT_FALSE(BigInt::parse("1", 37));
  EXPECT_EQ(BigInt::parse("Z", 36)->to_int64(), 35);
  EXPECT_EQ(BigInt::parse("-1_0", 2)->to_int64(), -2);
  EXPECT_EQ(BigInt::parse(" 1", 10).error().message, "invalid literal");
}

// ---------------------------------------------------------------------------
// Randomized identities (fixed seed). Sizes straddle the Karatsuba cutoff,
// the decimal divide-and-conquer threshold and single-limb fast paths.

class Rand {
 public:
  explicit Rand(uint64_t seed) : rng_(seed) {}
  // A random value with up to `limbs` limbs, biased toward extreme limb values.
  BigInt value(size_t limbs) {
    std::vector<uint32_t> l(1 + rng_() % limbs);
    for (uint32_t& x : l) {
      switch (rng_() % 8) {
        case 0:
          x = 0;
          break;
        case 1:
          x = 0xFFFFFFFFu;
          break;
        case 2:
          x = 0x80000000u;
          break;
        default:
          x = static_cast<uint32_t>(rng_());
      }
    }
    return BigInt::from_limbs(rng_() % 2 == 0, std::move(l));
  }
  BigInt nonzero(size_t limbs) {
    for (;;) {
      BigInt v = value(limbs);
      if (!v.is_zero()) return v;
    }
  }
  uint64_t next() { return rng_(); }

 private:
  std::mt19937_64 rng_;
};

const size_t kSizes[] = {1, 2, 3, 5, 20, 47, 49, 100, 260};

TEST(BigIntRandom, MulDivIdentities) {
  Rand r(12345);
  for (size_t sa : kSizes) {
    for (size_t sb : kSizes) {
      for (int iter = 0; iter < 4; ++iter) {
        BigInt a = r.value(sa);
        BigInt b = r.nonzero(sb);
        BigInt ab = BigInt::mul(a, b);
        EXPECT_EQ(*BigInt::floordiv(ab, b), a);
        EXPECT_EQ(BigInt::mul(a, b), BigInt::mul(b, a));
        // divmod identity and remainder range: a == q*b + r, 0 <= r/b < 1.
        auto qr = *BigInt::divmod(a, b);
        EXPECT_EQ(BigInt::add(BigInt::mul(qr.first, b), qr.second), a);
        EXPECT_TRUE(qr.second.is_zero() || qr.second.is_negative() == b.is_negative());
        EXPECT_LT(BigInt::compare(BigInt::abs(qr.second), BigInt::abs(b)), 0);
        EXPECT_EQ(*BigInt::mod(a, b), qr.second);
        // Distributivity checks Karatsuba against itself at different splits.
        BigInt c = r.value(sb);
        EXPECT_EQ(BigInt::mul(a, BigInt::add(b, c)), BigInt::add(ab, BigInt::mul(a, c)));
        // Squaring path agrees with general multiplication.
        BigInt a2 = a;
        EXPECT_EQ(BigInt::mul(a, a), BigInt::mul(a, BigInt::add(a2, BigInt())));
        EXPECT_EQ(BigInt::sub(BigInt::add(a, b), b), a);
      }
    }
  }
}

TEST(BigIntRandom, SquareMatchesProductOfCopies) {
  Rand r(99);
  for (size_t n : {10, 47, 48, 96, 97, 200, 500}) {
    BigInt a = r.nonzero(n);
    // a*(a+1) - a == a*a, computed via the general (non-squaring) path.
    BigInt a1 = BigInt::add(a, BigInt(1));
    EXPECT_EQ(BigInt::mul(a, a), BigInt::sub(BigInt::mul(a, a1), a)) << n;
  }
}

TEST(BigIntRandom, StringRoundTrips) {
  Rand r(777);
  for (int base = 2; base <= 36; ++base) {
    for (size_t n : {1, 2, 3, 8, 40}) {
      BigInt a = r.value(n);
      std::string s = a.to_string(base);
      auto back = BigInt::parse(s, base);
      ASSERT_TRUE(back) << s;
      EXPECT_EQ(*back, a) << base << " " << s;
    }
  }
  // Decimal divide and conquer above the threshold (both directions), with
  // internal zero runs that must be padded.
  for (size_t n : {599, 600, 601, 1500, 5000}) {
    BigInt a = r.nonzero(n);
    std::string s = a.to_string(10);
    EXPECT_EQ(*BigInt::parse(s, 10), a) << n;
    BigInt b = BigInt::add(BigInt::pow(BigInt(10), 9 * n), BigInt(7));  // 1000...0007
    std::string t = b.to_string(10);
    EXPECT_EQ(t.size(), 9 * n + 1);
    EXPECT_EQ(t.front(), '1');
    EXPECT_EQ(t.substr(1, t.size() - 2), std::string(9 * n - 1, '0'));
    EXPECT_EQ(*BigInt::parse(t, 10), b);
  }
}

TEST(BigIntRandom, ShiftsMatchArithmetic) {
  Rand r(4242);
  for (int iter = 0; iter < 200; ++iter) {
    BigInt a = r.value(6);
    uint64_t n = r.next() % 200;
    BigInt p2 = BigInt::pow(BigInt(2), n);
    EXPECT_EQ(BigInt::shl(a, n), BigInt::mul(a, p2));
    EXPECT_EQ(BigInt::shr(a, n), *BigInt::floordiv(a, p2));
  }
  EXPECT_EQ(BigInt::shr(BigInt(-1), UINT64_MAX), BigInt(-1));
  EXPECT_EQ(BigInt::shr(BigInt(5), UINT64_MAX), BigInt());
}

TEST(BigIntRandom, BitwiseIdentities) {
  Rand r(31337);
  for (int iter = 0; iter < 300; ++iter) {
    BigInt a = r.value(5);
    BigInt b = r.value(5);
    BigInt x = BigInt::bit_xor(a, b);
    EXPECT_EQ(x, BigInt::sub(BigInt::bit_or(a, b), BigInt::bit_and(a, b)));
    EXPECT_EQ(BigInt::bit_not(a), BigInt::sub(BigInt::neg(a), BigInt(1)));
    EXPECT_EQ(BigInt::add(BigInt::bit_and(a, b), BigInt::bit_or(a, b)), BigInt::add(a, b));
    EXPECT_EQ(BigInt::bit_and(a, BigInt::bit_not(a)), BigInt());
  }
}

TEST(BigIntRandom, IsqrtAndGcd) {
  Rand r(2718);
  for (int iter = 0; iter < 100; ++iter) {
    BigInt a = BigInt::abs(r.value(30));
    BigInt s = BigInt::isqrt(a);
    BigInt s1 = BigInt::add(s, BigInt(1));
    EXPECT_LE(BigInt::compare(BigInt::mul(s, s), a), 0);
    EXPECT_GT(BigInt::compare(BigInt::mul(s1, s1), a), 0);

    BigInt g0 = r.nonzero(3);
    BigInt x = BigInt::mul(r.value(10), g0);
    BigInt y = BigInt::mul(r.value(10), g0);
    BigInt g = BigInt::gcd(x, y);
    EXPECT_FALSE(g.is_negative());
    if (!g.is_zero()) {
      EXPECT_TRUE((*BigInt::mod(x, g)).is_zero());
      EXPECT_TRUE((*BigInt::mod(y, g)).is_zero());
      EXPECT_TRUE((*BigInt::mod(g, g0)).is_zero());
    }
  }
}

TEST(BigIntRandom, PowModMatchesPowThenMod) {
  Rand r(1618);
  for (int iter = 0; iter < 60; ++iter) {
    BigInt base = r.value(4);
    uint64_t e = r.next() % 40;
    BigInt m = r.nonzero(3);
    EXPECT_EQ(*BigInt::pow_mod(base, BigInt(static_cast<int64_t>(e)), m),
              *BigInt::mod(BigInt::pow(base, e), m));
  }
}

TEST(BigIntRandom, ToDoubleMatchesTruedivByOne) {
  Rand r(161);
  for (int iter = 0; iter < 300; ++iter) {
    BigInt a = r.value(34);
    auto d1 = a.to_double();
    auto d2 = BigInt::truediv(a, BigInt(1));
    ASSERT_EQ(static_cast<bool>(d1), static_cast<bool>(d2));
    if (d1) {
      EXPECT_EQ(*d1, *d2);
      // Converting back to an int and again to a double is the identity.
      EXPECT_EQ(*BigInt::from_double(*d1).to_double(), *d1);
    }
  }
}

// ---------------------------------------------------------------------------
// Speed: the brief's workloads must be quick. Bounds are loose (sanitizer and
// debug builds run here too); the printed times are the real measurement.

template <typename F>
double time_ms(F f, int reps) {
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < reps; ++i) f();
  auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::milli>(t1 - t0).count() / reps;
}

TEST(BigIntPerf, CommonWorkloads) {
  std::string sink;
  double t_pow = time_ms([&] { sink = BigInt::pow(BigInt(3), 10000).to_string(16); }, 20);
  double t_p2 = time_ms([&] { sink = BigInt::pow(BigInt(2), 10000).to_string(10); }, 20);
  double t_div = time_ms(
      [&] {
        sink = BigInt::floordiv(BigInt::pow(BigInt(3), 5000), BigInt::pow(BigInt(7), 1000))
                   ->to_string();
      },
      20);
  double t_fact = time_ms(
      [&] {
        BigInt f(1);
        for (int i = 2; i <= 1000; ++i) f = BigInt::mul(f, BigInt(i));
        sink = f.to_string();
      },
      20);
  BigInt big = BigInt::pow(BigInt(7), 20000);  // ~56k bits, ~16.9k digits
  std::string big_s = big.to_string();
  double t_str = time_ms([&] { sink = big.to_string(); }, 5);
  double t_parse = time_ms([&] { (void)BigInt::parse(big_s, 10); }, 5);
  BigInt m1 = BigInt::pow(BigInt(3), 60000);  // ~3000 limbs
  BigInt m2 = BigInt::pow(BigInt(5), 40000);
  double t_mul = time_ms([&] { (void)BigInt::mul(m1, m2); }, 5);
  double t_divbig = time_ms([&] { (void)BigInt::divmod(m1, BigInt::pow(BigInt(11), 10000)); }, 5);
  std::printf(
      "  3**10000 hex %.3f ms | str(2**10000) %.3f ms | 3**5000//7**1000 (+str) %.3f ms |"
      " factorial(1000)+str %.3f ms\n  str(7**20000) %.3f ms | parse 16.9k digits %.3f ms |"
      " 3000x2900-limb mul %.3f ms | 3000/1100-limb divmod %.3f ms\n",
      t_pow, t_p2, t_div, t_fact, t_str, t_parse, t_mul, t_divbig);
}

}  // namespace
}  // namespace monty
