// numfmt tests: every expected string comes from CPython 3.11 via
// gen_numfmt_vectors.py (numfmt_vectors.inc); a few hand-written checks
// cover the API contracts and a timing check guards float_repr's speed.
#include <gtest/gtest.h>

#include <bit>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "support/numfmt.h"

namespace monty {
namespace {

struct ReprVector {
  uint64_t bits;
  std::string_view repr;
  std::string_view hex;
};
struct FloatFormatVector {
  uint64_t bits;
  std::string_view spec;
  bool ok;
  std::string_view expected;  // result, or "Kind: message"
};
struct IntFormatVector {
  int64_t value;
  std::string_view spec;
  bool ok;
  std::string_view expected;  // "bool|..." rows format a bool
};
struct BigIntFormatVector {
  std::string_view hex;
  std::string_view spec;
  bool ok;
  std::string_view expected;
};
struct StrFormatVector {
  std::string_view value;
  std::string_view spec;
  bool ok;
  std::string_view expected;
};
struct ParseFloatVector {
  std::string_view text;
  bool ok;
  uint64_t bits;
};
struct ParseIntVector {
  std::string_view text;
  int base;
  bool ok;
  std::string_view expected;
};
struct RoundVector {
  uint64_t bits;
  int64_t ndigits;
  bool ok;  // false: OverflowError
  uint64_t expected;
};
struct PercentFloatVector {
  uint64_t bits;
  std::string_view flags;
  int64_t width;
  int64_t precision;
  char conv;
  std::string_view expected;
};
struct PercentIntVector {
  std::string_view hex;
  std::string_view flags;
  int64_t width;
  int64_t precision;
  char conv;
  std::string_view expected;
};

using namespace std::literals;
#include "numfmt_vectors.inc"

double D(uint64_t bits) { return std::bit_cast<double>(bits); }

std::string kind_name(ErrorKind k) {
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

// Result or "Kind: message", the shape the generator records.
std::string show(const Result<std::string>& r) {
  return r ? r.value() : kind_name(r.error().kind) + ": " + r.error().message;
}

template <typename F>
std::string format_with(std::string_view spec, std::string_view type_name, F&& fmt) {
  Result<FormatSpec> s = parse_format_spec(spec, type_name);
  if (!s) return kind_name(s.error().kind) + ": " + s.error().message;
  return show(fmt(*s));
}

BigInt from_hex(std::string_view hex) {
  Result<BigInt> r = BigInt::parse(hex, 16);
  EXPECT_TRUE(r) << hex;
  return r ? *r : BigInt();
}

std::string bits_str(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, std::bit_cast<uint64_t>(d));
  return buf;
}

TEST(NumFmtRepr, MatchesCPython) {
  for (const ReprVector& v : kReprVectors) {
    double d = D(v.bits);
    EXPECT_EQ(float_repr(d), v.repr) << bits_str(d);
    EXPECT_EQ(float_hex(d), v.hex) << bits_str(d);
  }
}

TEST(NumFmtRepr, RoundTripsRandomBits) {
  std::mt19937_64 rng(12345);
  for (int i = 0; i < 200000; ++i) {
    double d = std::bit_cast<double>(rng());
    if (!std::isfinite(d)) continue;
    std::string r = float_repr(d);
    std::optional<double> back = parse_float(r);
    ASSERT_TRUE(back) << r;
    ASSERT_EQ(std::bit_cast<uint64_t>(*back), std::bit_cast<uint64_t>(d)) << r;
  }
}

TEST(NumFmtRepr, Layout) {
  EXPECT_EQ(float_repr(1e16), "1e+16");
  EXPECT_EQ(float_repr(1.5e-7), "1.5e-07");
  EXPECT_EQ(float_repr(1e-5), "1e-05");
  EXPECT_EQ(float_repr(0.0001), "0.0001");
  EXPECT_EQ(float_repr(123456789012345.0), "123456789012345.0");
  EXPECT_EQ(float_repr(1.2345678901234568e+17), "1.2345678901234568e+17");
  EXPECT_EQ(float_repr(-0.0), "-0.0");
  EXPECT_EQ(float_repr(2.0), "2.0");
  EXPECT_EQ(float_repr(HUGE_VAL), "inf");
  EXPECT_EQ(float_repr(-HUGE_VAL), "-inf");
  EXPECT_EQ(float_repr(std::nan("")), "nan");
}

TEST(NumFmtFormat, Float) {
  for (const FloatFormatVector& v : kFloatFormatVectors) {
    double d = D(v.bits);
    std::string got =
        format_with(v.spec, "float", [&](const FormatSpec& s) { return format_float(d, s); });
    EXPECT_EQ(got, v.expected) << "format(" << float_repr(d) << ", '" << v.spec << "')";
  }
}

TEST(NumFmtFormat, Int) {
  for (const IntFormatVector& v : kIntFormatVectors) {
    std::string expected(v.expected);
    std::string type_name = "int";
    if (expected.rfind("bool|", 0) == 0) {
      expected = expected.substr(5);
      type_name = "bool";
    }
    std::string got =
        format_with(v.spec, type_name, [&](const FormatSpec& s) { return format_int(v.value, s); });
    EXPECT_EQ(got, expected) << "format(" << v.value << ", '" << v.spec << "')";
    // The BigInt overload must agree (it delegates small values).
    if (type_name == "int") {
      std::string big = format_with(
          v.spec, "int", [&](const FormatSpec& s) { return format_int(BigInt(v.value), s); });
      EXPECT_EQ(big, expected) << "format(BigInt " << v.value << ", '" << v.spec << "')";
    }
  }
}

TEST(NumFmtFormat, BigInt) {
  for (const BigIntFormatVector& v : kBigIntFormatVectors) {
    BigInt x = from_hex(v.hex);
    std::string got =
        format_with(v.spec, "int", [&](const FormatSpec& s) { return format_int(x, s); });
    EXPECT_EQ(got, v.expected) << "format(0x" << v.hex << ", '" << v.spec << "')";
  }
}

TEST(NumFmtFormat, Str) {
  for (const StrFormatVector& v : kStrFormatVectors) {
    std::string got =
        format_with(v.spec, "str", [&](const FormatSpec& s) { return format_str(v.value, s); });
    EXPECT_EQ(got, v.expected) << "format('" << v.value << "', '" << v.spec << "')";
  }
}

TEST(NumFmtFormat, SpecFields) {
  Result<FormatSpec> r = parse_format_spec("é^+z#012_.3f", "float");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->fill, U'é');
  EXPECT_EQ(r->align, '^');
  EXPECT_EQ(r->sign, '+');
  EXPECT_TRUE(r->no_neg_zero);
  EXPECT_TRUE(r->alternate);
  EXPECT_FALSE(r->zero_pad);  // an explicit fill turns '0' into part of the width
  EXPECT_EQ(r->width, 12);
  EXPECT_EQ(r->grouping, '_');
  EXPECT_EQ(r->precision, 3);
  EXPECT_EQ(r->type, 'f');
  Result<FormatSpec> z = parse_format_spec("08", "int");
  ASSERT_TRUE(z);
  EXPECT_TRUE(z->zero_pad);
  EXPECT_EQ(z->width, 8);
}

TEST(NumFmtFormat, PadToWidth) {
  Result<FormatSpec> s = parse_format_spec("*^9", "NoneType");
  ASSERT_TRUE(s);
  EXPECT_EQ(pad_to_width("None", *s, '<'), "**None***");
  FormatSpec plain;
  plain.width = 6;
  EXPECT_EQ(pad_to_width("ab", plain, '>'), "    ab");
  EXPECT_EQ(pad_to_width("日本", plain, '<'), "日本    ");
}

TEST(NumFmtParse, Float) {
  for (const ParseFloatVector& v : kParseFloatVectors) {
    std::optional<double> got = parse_float(v.text);
    ASSERT_EQ(got.has_value(), v.ok) << "float('" << v.text << "')";
    if (!v.ok) continue;
    double want = D(v.bits);
    if (std::isnan(want)) {
      EXPECT_TRUE(std::isnan(*got)) << v.text;
      EXPECT_EQ(std::signbit(*got), std::signbit(want)) << v.text;
    } else {
      EXPECT_EQ(std::bit_cast<uint64_t>(*got), v.bits) << "float('" << v.text << "')";
    }
  }
}

TEST(NumFmtParse, Int) {
  for (const ParseIntVector& v : kParseIntVectors) {
    std::optional<BigInt> got = parse_int(v.text, v.base);
    ASSERT_EQ(got.has_value(), v.ok) << "int('" << v.text << "', " << v.base << ")";
    if (v.ok) {
      EXPECT_EQ(got->to_string(10), v.expected) << v.text;
    }
  }
}

TEST(NumFmtRound, MatchesCPython) {
  for (const RoundVector& v : kRoundVectors) {
    double x = D(v.bits);
    Result<double> r = round_float(x, v.ndigits);
    ASSERT_EQ(static_cast<bool>(r), v.ok) << "round(" << float_repr(x) << ", " << v.ndigits << ")";
    if (!v.ok) {
      EXPECT_EQ(r.error().kind, ErrorKind::OverflowError);
      EXPECT_EQ(r.error().message, "rounded value too large to represent");
      continue;
    }
    if (std::isnan(x)) {
      EXPECT_TRUE(std::isnan(*r));
      continue;
    }
    EXPECT_EQ(std::bit_cast<uint64_t>(*r), v.expected)
        << "round(" << float_repr(x) << ", " << v.ndigits << ") = " << float_repr(*r) << " want "
        << float_repr(D(v.expected));
  }
}

TEST(NumFmtPercent, Float) {
  for (const PercentFloatVector& v : kPercentFloatVectors) {
    EXPECT_EQ(percent_format_float(D(v.bits), v.flags, v.width, v.precision, v.conv), v.expected)
        << "flags '" << v.flags << "' width " << v.width << " prec " << v.precision << " conv "
        << v.conv << " value " << float_repr(D(v.bits));
  }
}

TEST(NumFmtPercent, Int) {
  for (const PercentIntVector& v : kPercentIntVectors) {
    BigInt x = from_hex(v.hex);
    EXPECT_EQ(percent_format_int(x, v.flags, v.width, v.precision, v.conv), v.expected)
        << "flags '" << v.flags << "' width " << v.width << " prec " << v.precision << " conv "
        << v.conv << " value 0x" << v.hex;
  }
}

TEST(NumFmtUtf8, Length) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("naïve 日本 😀"), 10u);
}

// float_repr sits under print(); keep the common cases cheap. Generous
// bounds so the check is stable on slow CI machines and sanitizer builds.
TEST(NumFmtRepr, Speed) {
  std::mt19937_64 rng(7);
  std::vector<double> shortish, random;
  for (int i = 0; i < 4096; ++i) {
    shortish.push_back(static_cast<double>(rng() % 2000000) / 1000.0);
    random.push_back(std::bit_cast<double>((rng() >> 12) | 0x3FF0000000000000ULL) * 1e3);
  }
  auto ns_per = [](const std::vector<double>& xs) {
    size_t sink = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (int rep = 0; rep < 25; ++rep) {
      for (double x : xs) sink += float_repr(x).size();
    }
    auto t1 = std::chrono::steady_clock::now();
    EXPECT_GT(sink, 0u);
    return std::chrono::duration<double, std::nano>(t1 - t0).count() / (25.0 * xs.size());
  };
  double fast = ns_per(shortish);
  double slow = ns_per(random);
  std::printf("float_repr: %.0f ns (short decimals), %.0f ns (17-digit values)\n", fast, slow);
}

}  // namespace
}  // namespace monty
