// Number <-> text conversions matching CPython 3.11 (see numfmt.h).
//
// Structure mirrors CPython so behaviour can be checked piece by piece:
//   * digit generation (shortest / n significant digits / n fractional digits)
//     produces a digit string + decimal point position like _Py_dg_dtoa;
//   * layout_float() is CPython's format_float_short (Python/pystrtod.c);
//   * layout_number() is calc_number_widths + fill_number
//     (Python/formatter_unicode.c);
//   * percent_output() is unicode_format_arg_output (Objects/unicodeobject.c).
// Digits come from snprintf("%.*e"/"%.*f") and strtod, which are exact and
// correctly rounded (round-half-even on the exact binary value) in both glibc
// and musl, and never depend on the locale here because only the "C" locale is
// ever active in the sandbox.

#include "support/numfmt.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace monty {

namespace {

constexpr int64_t kMaxOutput = kMaxFormattedWidth;

// The exact decimal expansion of a double has at most 767 significant digits
// and at most 1074 fractional digits; asking snprintf for more only appends
// zeros, which the layout code re-creates itself.
constexpr int kMaxSigDigits = 800;
constexpr int kMaxFracDigits = 1100;

Error value_error(std::string msg) { return Error{ErrorKind::ValueError, std::move(msg)}; }

// ---------------------------------------------------------------- UTF-8

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    // Lone surrogates (only reachable via format(0xD800, 'c')) are encoded
    // like any other BMP code point (WTF-8), as CPython can hold them.
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the code point starting at s[i] (valid UTF-8 assumed; truncated
// sequences are clamped so malformed input cannot read out of bounds).
char32_t decode_utf8(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + n > s.size()) n = s.size() - i;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return cp;
}

void append_fill(std::string& out, char32_t fill, int64_t n) {
  if (n <= 0) return;
  if (fill < 0x80) {
    out.append(static_cast<size_t>(n), static_cast<char>(fill));
    return;
  }
  std::string one;
  append_utf8(one, fill);
  for (int64_t i = 0; i < n; ++i) out += one;
}

// Zero code points of the Unicode (14.0, as in CPython 3.11) decimal digit
// runs; each run holds the ten digits 0..9 consecutively.
constexpr char32_t kDigitZeros[] = {
    0x30,    0x660,   0x6f0,   0x7c0,   0x966,   0x9e6,   0xa66,   0xae6,   0xb66,   0xbe6,
    0xc66,   0xce6,   0xd66,   0xde6,   0xe50,   0xed0,   0xf20,   0x1040,  0x1090,  0x17e0,
    0x1810,  0x1946,  0x19d0,  0x1a80,  0x1a90,  0x1b50,  0x1bb0,  0x1c40,  0x1c50,  0xa620,
    0xa8d0,  0xa900,  0xa9d0,  0xa9f0,  0xaa50,  0xabf0,  0xff10,  0x104a0, 0x10d30, 0x11066,
    0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0,
    0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2,
    0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0};

// Py_UNICODE_TODECIMAL: 0..9, or -1 if cp is not a decimal digit.
int unicode_decimal(char32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9' ? static_cast<int>(cp - '0') : -1;
  const char32_t* it = std::upper_bound(std::begin(kDigitZeros), std::end(kDigitZeros), cp);
  if (it == std::begin(kDigitZeros)) return -1;
  char32_t zero = *(it - 1);
  return cp - zero < 10 ? static_cast<int>(cp - zero) : -1;
}

// Py_UNICODE_ISSPACE for code points >= 128.
bool unicode_space_nonascii(char32_t cp) {
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Py_ISSPACE: the ASCII whitespace that float()/int() strip.
bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// _PyUnicode_TransformDecimalAndSpaceToASCII: non-ASCII whitespace becomes
// ' ', non-ASCII decimal digits become '0'..'9'. Any other non-ASCII
// character makes the text unparseable (CPython substitutes '?'), reported
// as false. `buf` holds the result when a copy was needed.
bool to_ascii_number_text(std::string_view text, std::string& buf, std::string_view* out) {
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x7F) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    *out = text;
    return true;
  }
  buf.clear();
  for (size_t i = 0; i < text.size();) {
    size_t n;
    char32_t cp = decode_utf8(text, i, &n);
    i += n;
    if (cp < 0x7F) {
      buf += static_cast<char>(cp);
    } else if (unicode_space_nonascii(cp)) {
      buf += ' ';
    } else {
      int d = unicode_decimal(cp);
      if (d < 0) return false;
      buf += static_cast<char>('0' + d);
    }
  }
  *out = buf;
  return true;
}

// ---------------------------------------------------------------- digits

// A decimal digit string with the decimal point after `decpt` digits (value
// = 0.d1d2... * 10**decpt), like _Py_dg_dtoa's output: no trailing zeros,
// zero is "0" with decpt 1.
struct Digits {
  char d[kMaxFracDigits + 340];
  int len = 0;
  int decpt = 0;
};

void strip_trailing_zeros(Digits& g) {
  while (g.len > 1 && g.d[g.len - 1] == '0') --g.len;
}

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Parses snprintf's "%.*e" output "d.ddde[+-]xx" (or "de[+-]xx") into g.
void digits_from_e(const char* buf, Digits& g) {
  const char* p = buf;
  g.len = 0;
  while (*p != 'e') {
    if (*p != '.') g.d[g.len++] = *p;
    ++p;
  }
  g.decpt = std::atoi(p + 1) + 1;
}

// n correctly rounded significant digits of ax (finite, >= 0): dtoa mode 2.
void sig_digits(double ax, int64_t n, Digits& g) {
  if (ax == 0) {
    g.d[0] = '0';
    g.len = 1;
    g.decpt = 1;
    return;
  }
  char buf[kMaxSigDigits + 16];
  int prec = static_cast<int>(std::min<int64_t>(n, kMaxSigDigits)) - 1;
  std::snprintf(buf, sizeof buf, "%.*e", prec, ax);
  digits_from_e(buf, g);
  strip_trailing_zeros(g);
}

// ax (finite, >= 0) correctly rounded to `frac` fractional digits: dtoa
// mode 3. A result that rounds to zero is "0" with decpt 1, which lays out
// the same as dtoa's empty string.
void frac_digits(double ax, int64_t frac, Digits& g) {
  char buf[kMaxFracDigits + 340];
  int prec = static_cast<int>(std::min<int64_t>(frac, kMaxFracDigits));
  std::snprintf(buf, sizeof buf, "%.*f", prec, ax);
  int int_len = 0;
  g.len = 0;
  bool seen_point = false;
  for (const char* p = buf; *p; ++p) {
    if (*p == '.') {
      seen_point = true;
      continue;
    }
    if (!seen_point) ++int_len;
    if (g.len == 0 && *p == '0') {
      --int_len;  // leading zero: shifts the decimal point left
      continue;
    }
    g.d[g.len++] = *p;
  }
  if (g.len == 0) {
    g.d[0] = '0';
    g.len = 1;
    g.decpt = 1;
    return;
  }
  g.decpt = int_len;
  strip_trailing_zeros(g);
}

// Writes m (> 0) as decimal digits into g, returns the digit count.
int put_uint(uint64_t m, char* out) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + m % 10);
    m /= 10;
  } while (m);
  for (int i = 0; i < n; ++i) out[i] = tmp[n - 1 - i];
  return n;
}

// 10**k for k in [kPow10TableMin, kPow10TableMin + 630] as (hi + lo) * 2**bexp
// with hi in [1, 2) and hi + lo accurate to ~106 bits. Computed with exact
// rational arithmetic: bexp = floor(log2(10**k)), hi = the double nearest
// 10**k / 2**bexp, lo = the double nearest the remainder.
struct Pow10Entry {
  double hi;
  double lo;
  int bexp;
};
constexpr int kPow10TableMin = -300;
constexpr Pow10Entry kPow10Table[] = {
    {0x1.56e1fc2f8f359p+0, -0x1.3592429cf5b75p-55, -997},
    {0x1.ac9a7b3b7302fp+0, 0x1.f424b2ef336b5p-57, -994},
    {0x1.0be08d0527e1dp+0, 0x1.a712ddfab0046p-54, -990},
    {0x1.4ed8b04671da5p+0, -0x1.de50d50d47f51p-55, -987},
    {0x1.a28edc580e50ep+0, -0x1.5794294267c93p-57, -984},
    {0x1.059949b708f29p+0, -0x1.1ad79339301bbp-54, -980},
    {0x1.46ff9c24cb2f3p+0, -0x1.8635e01df08a9p-56, -977},
    {0x1.98bf832dfdfb0p+0, -0x1.79f0d6095b2b5p-54, -974},
    {0x1.feef63f97d79cp+0, -0x1.d86d0b8bb1f62p-54, -971},
    {0x1.3f559e7bee6c1p+0, 0x1.b177b191618c5p-55, -967},
    {0x1.8f2b061aea072p+0, -0x1.f115310523085p-54, -964},
    {0x1.f2f5c7a1a488ep+0, -0x1.b569f519af297p-56, -961},
    {0x1.37d99cc506d59p+0, -0x1.44588e4c035e8p-54, -957},
    {0x1.85d003f6488afp+0, -0x1.2add63be086c3p-55, -954},
    {0x1.e74404f3daadbp+0, -0x1.baca5e56c543ap-54, -951},
    {0x1.308a831868ac9p+0, -0x1.94be7af63b4a4p-54, -947},
    {0x1.7cad23de82d7bp+0, -0x1.f3dc33679439bp-55, -944},
    {0x1.dbd86cd6238d9p+0, 0x1.c7965fdf435bfp-54, -941},
    {0x1.29674405d6388p+0, -0x1.8d081051d79a2p-56, -937},
    {0x1.73c115074bc6ap+0, -0x1.f04a14664d80ap-56, -934},
    {0x1.d0b15a491eb84p+0, 0x1.64e8d9a007c7dp-54, -931},
    {0x1.226ed86db3333p+0, -0x1.20ee77fbfb232p-54, -927},
    {0x1.6b0a8e891ffffp+0, 0x1.96d5ea0506142p-54, -924},
    {0x1.c5cd322b67fffp+0, 0x1.f916c90c8f324p-55, -921},
    {0x1.1ba03f5b21000p+0, -0x1.e228e12c13405p-54, -917},
    {0x1.62884f31e93ffp+0, 0x1.a54ce688e7efap-54, -914},
    {0x1.bb2a62fe638ffp+0, 0x1.0ea0202b21eb9p-54, -911},
    {0x1.14fa7ddefe3a0p+0, -0x1.d6dbebe50accdp-54, -907},
    {0x1.5a391d56bdc87p+0, 0x1.b36d1921b2800p-54, -904},
    {0x1.b0c764ac6d3a9p+0, 0x1.20485f6a1f200p-54, -901},
    {0x1.0e7c9eebc444ap+0, -0x1.97a588bb59180p-55, -897},
    {0x1.521bc6a6b555cp+0, 0x1.01388a8ae8510p-54, -894},
    {0x1.a6a2b85062ab3p+0, 0x1.4186ad2da2654p-54, -891},
    {0x1.0825b3323dab0p+0, 0x1.23d0b0f215fd3p-56, -887},
    {0x1.4a2f1ffecd15cp+0, 0x1.6cc4dd2e9b7c7p-56, -884},
    {0x1.9cbae7fe805b3p+0, 0x1.c7f6147a425b9p-56, -881},
    {0x1.01f4d0ff10390p+0, -0x1.c60c66672d0d9p-57, -877},
    {0x1.4272053ed4474p+0, -0x1.1bc7c0007c287p-56, -874},
    {0x1.930e868e89591p+0, -0x1.62b9b0009b329p-56, -871},
    {0x1.f7d228322baf5p+0, 0x1.224bf1ff9f006p-55, -868},
    {0x1.3ae3591f5b4d9p+0, 0x1.b56f773fc3604p-55, -864},
    {0x1.899c2f6732210p+0, -0x1.ee9a557825e3ep-54, -861},
    {0x1.ec033b40fea93p+0, 0x1.95bf1529d0a33p-54, -858},
    {0x1.338205089f29cp+0, 0x1.f65db4e889980p-56, -854},
    {0x1.8062864ac6f43p+0, 0x1.39fa911155ff0p-55, -851},
    {0x1.e07b27dd78b14p+0, -0x1.de1b2aa952051p-57, -848},
    {0x1.2c4cf8ea6b6ecp+0, 0x1.daa5e0aac597ap-54, -844},
    {0x1.77603725064a8p+0, -0x1.aeb0a72a89028p-54, -841},
    {0x1.d53844ee47dd1p+0, 0x1.e5a32f0ad4bcep-54, -838},
    {0x1.25432b14ecea3p+0, -0x1.41e80a64ec27dp-56, -834},
    {0x1.6e93f5da2824cp+0, -0x1.6498833f89cc7p-54, -831},
    {0x1.ca38f350b22dfp+0, -0x1.bdbea40f6c3f9p-54, -828},
    {0x1.1e6398126f5cbp+0, 0x1.a5a365d971612p-56, -824},
    {0x1.65fc7e170b33ep+0, -0x1.f0f3c0b032469p-56, -821},
    {0x1.bf7b9d9cce00dp+0, 0x1.64b3d3c8f049fp-54, -818},
    {0x1.17ad428200c08p+0, 0x1.5ef0645d962e3p-54, -814},
    {0x1.5d98932280f0ap+0, 0x1.b6ac7d74fbb9cp-54, -811},
    {0x1.b4feb7eb212cdp+0, 0x1.22bce691d541bp-57, -808},
    {0x1.111f32f2f4bc0p+0, 0x1.2d6d8406c9524p-55, -804},
    {0x1.5566ffafb1eb0p+0, 0x1.78c8e5087ba6dp-55, -801},
    {0x1.aac0bf9b9e65cp+0, 0x1.d6fb1e4a9a909p-55, -798},
    {0x1.0ab877c142ffap+0, -0x1.6cd18688afb2dp-54, -794},
    {0x1.4d6695b193bf8p+0, 0x1.bfd0bea92303bp-57, -791},
    {0x1.a0c03b1df8af6p+0, 0x1.17e27729b5e25p-56, -788},
    {0x1.047824f2bb6dap+0, -0x1.a8893ac2f7295p-55, -784},
    {0x1.45962e2f6a490p+0, 0x1.ed54768c4b0c6p-55, -781},
    {0x1.96fbb9bb44db4p+0, 0x1.3454ca17aee7cp-54, -778},
    {0x1.fcbaa82a16121p+0, 0x1.8169fc9d9aa1bp-54, -775},
    {0x1.3df4a91a4dcb5p+0, -0x1.1e3b843afeb5ep-55, -771},
    {0x1.8d71d360e13e2p+0, 0x1.346b356c83394p-56, -768},
    {0x1.f0ce4839198dbp+0, -0x1.9f9e7f4e16fe2p-54, -765},
    {0x1.3680ed23aff89p+0, -0x1.83c30f90ce5edp-54, -761},
    {0x1.8421286c9bf6bp+0, -0x1.c967a6ea03ed1p-55, -758},
    {0x1.e5297287c2f45p+0, 0x1.e21f37adbd8bep-54, -755},
    {0x1.2f39e794d9d8bp+0, 0x1.ad5382cc96776p-54, -751},
    {0x1.7b08617a104eep+0, 0x1.18a8637fbc154p-54, -748},
    {0x1.d9ca79d89462ap+0, -0x1.425b0740a9caep-55, -745},
    {0x1.281e8c275cbdap+0, 0x1.36871b7795e13p-55, -741},
    {0x1.72262f3133ed1p+0, -0x1.3deb8ed542534p-54, -738},
    {0x1.ceafbafd80e85p+0, -0x1.1acce51525d02p-55, -735},
    {0x1.212dd4de70913p+0, 0x1.3cffc34b2177cp-57, -731},
    {0x1.69794a160cb58p+0, -0x1.9cf012f8858a9p-55, -728},
    {0x1.c3d79c9b8fe2ep+0, -0x1.02160bdb5376ap-54, -725},
    {0x1.1a66c1e139eddp+0, -0x1.a14dc769142a2p-54, -721},
    {0x1.6100725988694p+0, -0x1.09a139435934bp-54, -718},
    {0x1.b9408eefea839p+0, -0x1.4c0987942f81dp-54, -715},
    {0x1.13c85955f2923p+0, 0x1.b07a0b43624eep-54, -711},
    {0x1.58ba6fab6f36cp+0, 0x1.1c988e143ae29p-54, -708},
    {0x1.aee90b964b047p+0, 0x1.63beb199499b3p-54, -705},
    {0x1.0d51a73deee2dp+0, -0x1.a1a8d10031ff0p-54, -701},
    {0x1.50a6110d6a9b8p+0, -0x1.0a1305403e7ecp-54, -698},
    {0x1.a4cf9550c5426p+0, -0x1.4c97c6904e1e7p-54, -695},
    {0x1.0701bd527b498p+0, -0x1.cfdedc1a30d30p-54, -691},
    {0x1.48c22ca71a1bdp+0, 0x1.bc296cdf42f84p-54, -688},
    {0x1.9af2b7d0e0a2dp+0, -0x1.a9986fd1d8937p-55, -685},
    {0x1.00d7b2e28c65cp+0, -0x1.3fe8bc64eb849p-60, -681},
    {0x1.410d9f9b2f7f3p+0, -0x1.8fe2eb7e2665cp-60, -678},
    {0x1.91510781fb5f0p+0, -0x1.07cf6e9976c00p-54, -675},
    {0x1.f5a549627a36cp+0, -0x1.49c34a3fd4700p-54, -672},
    {0x1.39874ddd8c623p+0, 0x1.31e5f1981b3a0p-54, -668},
    {0x1.87e92154ef7acp+0, 0x1.f97db7f888221p-56, -665},
    {0x1.e9e369aa2b597p+0, 0x1.3bee92fb55155p-55, -662},
    {0x1.322e220a5b17ep+0, 0x1.e2ba8dee8a96ap-54, -658},
    {0x1.7eb9aa8cf1ddep+0, 0x1.6da4c5a8b4f14p-56, -655},
    {0x1.de6815302e556p+0, -0x1.8dbc823b4774ap-54, -652},
    {0x1.2b010d3e1cf56p+0, -0x1.f895d1650ca8ep-54, -648},
    {0x1.75c1508da432bp+0, -0x1.daed16f93f4c6p-56, -645},
    {0x1.d331a4b10d3f6p+0, -0x1.946a172de3c7ep-54, -642},
    {0x1.23ff06eea847ap+0, -0x1.fcc24e7cae5cfp-54, -638},
    {0x1.6cfec8aa52598p+0, -0x1.efcb886f67d0ap-56, -635},
    {0x1.c83e7ad4e6efep+0, -0x1.35df3545a0e26p-55, -632},
    {0x1.1d270cc51055fp+0, -0x1.60d5c0a5c246cp-54, -628},
    {0x1.6470cff6546b6p+0, 0x1.46f4cf30cd279p-54, -625},
    {0x1.bd8d03f3e9864p+0, -0x1.9d37f40bfe3a2p-56, -622},
    {0x1.1678227871f3ep+0, 0x1.bf6f41de2046fp-54, -618},
    {0x1.5c162b168e70ep+0, 0x1.7a5892ad42c52p-57, -615},
    {0x1.b31bb5dc320d2p+0, -0x1.c4e22914ed913p-54, -612},
    {0x1.0ff151a99f483p+0, -0x1.b0d59ad147ac0p-58, -608},
    {0x1.53eda614071a4p+0, -0x1.21d0b01859997p-54, -605},
    {0x1.a8e90f9908e0dp+0, -0x1.6a44dc1e6fffdp-54, -602},
    {0x1.0991a9bfa58c8p+0, -0x1.89ac264c17ff8p-56, -598},
    {0x1.4bf6142f8eefap+0, -0x1.ec172fdf1dff6p-56, -595},
    {0x1.9ef3993b72ab8p+0, 0x1.6638c10a46a03p-54, -592},
    {0x1.03583fc527ab3p+0, 0x1.bfc6f14cd8484p-55, -588},
    {0x1.442e4fb671960p+0, 0x1.7dc56d0072d28p-58, -585},
    {0x1.9539e3a40dfb8p+0, 0x1.dd36c8408f872p-58, -582},
    {0x1.fa885c8d117a6p+0, 0x1.2a423d2859b47p-57, -579},
    {0x1.3c9539d82aec8p+0, -0x1.d165a671b1fbdp-55, -575},
    {0x1.8bba884e35a7ap+0, -0x1.22df88070f3d6p-54, -572},
    {0x1.eea92a61c3118p+0, 0x1.28d12bee59e69p-55, -569},
    {0x1.3529ba7d19eafp+0, 0x1.730576e9f0603p-56, -565},
    {0x1.8274291c6065bp+0, -0x1.181c95adc9c3ep-55, -562},
    {0x1.e3113363787f2p+0, -0x1.af11dd8c9e1a7p-54, -559},
    {0x1.2deac01e2b4f7p+0, -0x1.ad654efc5a107p-59, -555},
    {0x1.79657025b6235p+0, -0x1.10c5f515db84ap-54, -552},
    {0x1.d7becc2f23ac2p+0, -0x1.53ddc96d49973p-56, -549},
    {0x1.26d73f9d764b9p+0, 0x1.95cab10dd900cp-55, -545},
    {0x1.708d0f84d3de7p+0, 0x1.fd9eaea8a7a07p-54, -542},
    {0x1.ccb0536608d61p+0, 0x1.7d065a52d1889p-54, -539},
    {0x1.1fee341fc585dp+0, -0x1.23b80f187a154p-55, -535},
    {0x1.67e9c127b6e74p+0, 0x1.26b3da42cecadp-56, -532},
    {0x1.c1e43171a4a11p+0, 0x1.7060d0d3827d8p-56, -529},
    {0x1.192e9ee706e4bp+0, -0x1.4670df5ef39c6p-54, -525},
    {0x1.5f7a46a0c89ddp+0, 0x1.67f2e8c94f7c8p-54, -522},
    {0x1.b758d848fac55p+0, -0x1.3e105d045ca46p-54, -519},
    {0x1.1297872d9cbb5p+0, -0x1.1b28e88ae79aep-56, -515},
    {0x1.573d68f903ea2p+0, 0x1.4f066ea92f3f3p-55, -512},
    {0x1.ad0cc33744e4bp+0, -0x1.2e9bfad642788p-54, -509},
    {0x1.0c27fa028b0efp+0, -0x1.3d217cc5e98b5p-54, -505},
    {0x1.4f31f8832dd2ap+0, 0x1.739624089c11ep-54, -502},
    {0x1.a2fe76a3f9475p+0, -0x1.7c2297a9e74d7p-57, -499},
    {0x1.05df0a267bcc9p+0, 0x1.8935309ae7b7dp-56, -495},
    {0x1.4756ccb01abfbp+0, 0x1.7ae09f3068697p-54, -492},
    {0x1.992c7fdc216fap+0, 0x1.b3318df90507ap-55, -489},
    {0x1.ff779fd329cb9p+0, -0x1.e0020e88b9b68p-55, -486},
    {0x1.3faac3e3fa1f3p+0, 0x1.e9ff5b7545f6fp-54, -482},
    {0x1.8f9574dcf8a70p+0, 0x1.647f32529774bp-54, -479},
    {0x1.f37ad21436d0cp+0, 0x1.bd9efee73d51ep-54, -476},
    {0x1.382cc34ca2428p+0, -0x1.d2f9415ef359ap-55, -472},
    {0x1.8637f41fcad32p+0, -0x1.23dbc8db58180p-54, -469},
    {0x1.e7c5f127bd87ep+0, 0x1.265a89dba3c3fp-55, -466},
    {0x1.30dbb6b8d674fp+0, -0x1.480769d6b9a59p-55, -462},
    {0x1.7d12a4670c123p+0, -0x1.cd04a22634077p-54, -459},
    {0x1.dc574d80cf16bp+0, 0x1.7f746aa07ded6p-55, -456},
    {0x1.29b69070816e3p+0, -0x1.0573d5bb14ba9p-59, -452},
    {0x1.7424348ca1c9cp+0, -0x1.0a3686594ecf5p-54, -449},
    {0x1.d12d41afca3c3p+0, -0x1.4cc427efa2832p-54, -446},
    {0x1.22bc490dde65ap+0, -0x1.4ffa98f5c591fp-54, -442},
    {0x1.6b6b5b5155ff0p+0, 0x1.701b033324265p-56, -439},
    {0x1.c6463225ab7ecp+0, 0x1.cc21c3ffed2fep-56, -436},
    {0x1.1bebdf578b2f4p+0, -0x1.b81ab96002f08p-54, -432},
    {0x1.62e6d72d6dfb0p+0, 0x1.d9de9847fc536p-54, -429},
    {0x1.bba08cf8c979dp+0, -0x1.afa9c1a60497dp-54, -426},
    {0x1.1544581b7dec2p+0, -0x1.1b94320f85bdcp-55, -422},
    {0x1.5a956e225d672p+0, 0x1.4ec360b64c696p-54, -419},
    {0x1.b13ac9aaf4c0fp+0, -0x1.762f1c7081f11p-56, -416},
    {0x1.0ec4be0ad8f89p+0, 0x1.4588a38e6bb25p-54, -412},
    {0x1.5275ed8d8f36cp+0, -0x1.6915338df9611p-54, -409},
    {0x1.a71368f0f3047p+0, -0x1.c35a807177b96p-54, -406},
    {0x1.086c219697e2cp+0, 0x1.979dbee454b0ap-56, -402},
    {0x1.4a8729fc3ddb7p+0, 0x1.fd852e9d69dcdp-56, -399},
    {0x1.9d28f47b4d525p+0, -0x1.831985bb3bac0p-56, -396},
    {0x1.023998cd10537p+0, 0x1.0e100c6afab48p-56, -392},
    {0x1.42c7ff0054685p+0, -0x1.5735f83d234f3p-55, -389},
    {0x1.9379fec069826p+0, 0x1.4bf226ce4f741p-57, -386},
    {0x1.f8587e7083e30p+0, -0x1.cc2229efc395ep-54, -383},
    {0x1.3b374f06526dep+0, -0x1.1f955a35da3dbp-54, -379},
    {0x1.8a0522c7e7095p+0, 0x1.310a9e795e65dp-55, -376},
    {0x1.ec866b79e0cbap+0, 0x1.bea6a30bdaffap-54, -373},
    {0x1.33d4032c2c7f5p+0, -0x1.e8d7da1897204p-54, -369},
    {0x1.80c903f7379f2p+0, -0x1.630dd09ebce84p-54, -366},
    {0x1.e0fb44f50586ep+0, 0x1.10baece64f76ap-56, -363},
    {0x1.2c9d0b1923745p+0, -0x1.aac595f8072afp-55, -359},
    {0x1.77c44ddf6c516p+0, -0x1.576fb7608f5abp-59, -356},
    {0x1.d5b561574765bp+0, 0x1.f295a2d63a667p-54, -353},
    {0x1.25915cd68c9f9p+0, 0x1.6f3b0b8bc9001p-55, -349},
    {0x1.6ef5b40c2fc77p+0, 0x1.e584e7375da01p-54, -346},
    {0x1.cab3210f3bb95p+0, 0x1.5ee6210535081p-54, -343},
    {0x1.1eaff4a98553dp+0, 0x1.5b4fd4a341251p-54, -339},
    {0x1.665bf1d3e6a8dp+0, -0x1.4ddc3633ee91bp-54, -336},
    {0x1.bff2ee48e0530p+0, -0x1.42a68781d46c4p-55, -333},
    {0x1.17f7d4ed8c33ep+0, -0x1.9350296249875p-56, -329},
    {0x1.5df5ca28ef40dp+0, 0x1.81f6f3114905bp-54, -326},
    {0x1.b5733cb32b111p+0, -0x1.1d8b502a64b8ep-54, -323},
    {0x1.116805effaeaap+0, 0x1.cd88ede5810c7p-54, -319},
    {0x1.55c2076bf9a55p+0, 0x1.03aca57b853e5p-56, -316},
    {0x1.ab328946f80eap+0, 0x1.5125f3b699a38p-54, -313},
    {0x1.0aff95cc5b092p+0, 0x1.d2b7b85220063p-54, -309},
    {0x1.4dbf7b3f71cb7p+0, 0x1.1d96999aa01edp-56, -306},
    {0x1.a12f5a0f4e3e5p+0, -0x1.4d81dfff5beccp-55, -303},
    {0x1.04bd984990e6fp+0, 0x1.7c76a00334606p-58, -299},
    {0x1.45ecfe5bf520bp+0, -0x1.c48d76ff7fd0fp-55, -296},
    {0x1.97683df2f268dp+0, 0x1.e52795a0501d7p-54, -293},
    {0x1.fd424d6faf031p+0, -0x1.431d09ef37b68p-55, -290},
    {0x1.3e497065cd61fp+0, -0x1.e4f9131ac1690p-54, -286},
    {0x1.8ddbcc7f40ba6p+0, 0x1.4391503d1c797p-55, -283},
    {0x1.f152bf9f10e90p+0, -0x1.35c52dd9ce342p-54, -280},
    {0x1.36d3b7c36a91ap+0, -0x1.8336795041c12p-55, -276},
    {0x1.8488a5b445360p+0, 0x1.0dfdf42dd6e75p-54, -273},
    {0x1.e5aacf2156838p+0, 0x1.517d71394ca12p-54, -270},
    {0x1.2f8ac174d6123p+0, 0x1.a5dccd879fc96p-55, -266},
    {0x1.7b6d71d20b96cp+0, 0x1.ea801d30f7784p-60, -263},
    {0x1.da48ce468e7c7p+0, 0x1.3290123e9aab2p-59, -260},
    {0x1.286d80ec190dcp+0, 0x1.85fcd05b39055p-54, -256},
    {0x1.7288e1271f513p+0, 0x1.e77c04720746bp-54, -253},
    {0x1.cf2b1970e7258p+0, 0x1.615b058e89186p-54, -250},
    {0x1.217aefe690777p+0, 0x1.b9b1c6f22b5e7p-55, -246},
    {0x1.69d9abe034955p+0, 0x1.40f1c575b1b06p-58, -243},
    {0x1.c45016d841baap+0, 0x1.1912e36d31e1cp-54, -240},
    {0x1.1ab20e472914ap+0, 0x1.afabce243f2d2p-54, -236},
    {0x1.615e91d8f359dp+0, 0x1.b96c1ad4ef863p-58, -233},
    {0x1.b9b6364f30304p+0, 0x1.227c7218a2b68p-54, -230},
    {0x1.1411e1f17e1e3p+0, -0x1.4a7238b09a4dfp-54, -226},
    {0x1.59165a6ddda5bp+0, 0x1.62f139233f1e9p-54, -223},
    {0x1.af5bf109550f2p+0, 0x1.775b0ed81dcc7p-55, -220},
    {0x1.0d9976a5d5297p+0, 0x1.754c74a3894fep-54, -216},
    {0x1.50ffd44f4a73dp+0, 0x1.a53f2398d747bp-55, -213},
    {0x1.a53fc9631d10dp+0, -0x1.f8b889c079733p-54, -210},
    {0x1.0747ddddf22a8p+0, -0x1.76e6ac3097d00p-55, -206},
    {0x1.4919d5556eb52p+0, -0x1.d4a0573cbdc40p-55, -203},
    {0x1.9b604aaaca626p+0, 0x1.b63792f412cb0p-55, -200},
    {0x1.011c2eaabe7d8p+0, -0x1.dc3a884ee8823p-56, -196},
    {0x1.41633a556e1cep+0, -0x1.29a4953151516p-55, -193},
    {0x1.91bc08eac9a41p+0, 0x1.45f922c12d2d2p-54, -190},
    {0x1.f62b0b257c0d2p+0, -0x1.6888948e87879p-54, -187},
    {0x1.39dae6f76d883p+0, 0x1.eaaa326eb4b43p-58, -183},
    {0x1.8851a0b548ea4p+0, -0x1.b355681eb3c3ep-55, -180},
    {0x1.ea6608e29b24dp+0, -0x1.10156113305a6p-54, -177},
    {0x1.327fc58da0f70p+0, -0x1.506ae55ff1c40p-57, -173},
    {0x1.7f1fb6f10934cp+0, -0x1.a4859eb7ee351p-57, -170},
    {0x1.dee7a4ad4b81fp+0, -0x1.06d38332f4e12p-56, -167},
    {0x1.2b50c6ec4f313p+0, 0x1.56eef38009bcdp-54, -163},
    {0x1.7624f8a762fd8p+0, 0x1.595560c018581p-55, -160},
    {0x1.d3ae36d13bbcep+0, 0x1.afaab8f01e6e1p-55, -157},
    {0x1.244ce242c5561p+0, -0x1.e46a98d3d9f67p-56, -153},
    {0x1.6d601ad376ab9p+0, 0x1.a27ac0f72f8c0p-56, -150},
    {0x1.c8b8218854567p+0, 0x1.82c65c4d3edbcp-54, -147},
    {0x1.1d7314f534b61p+0, -0x1.8e44064fb8b6bp-54, -143},
    {0x1.64cfda3281e39p+0, -0x1.e3aa0fc74dc8ap-55, -140},
    {0x1.be03d0bf225c7p+0, -0x1.72524ee484eb4p-57, -137},
    {0x1.16c262777579cp+0, 0x1.631191d6259dap-54, -133},
    {0x1.5c72fb1552d83p+0, 0x1.bbd5f64baf050p-54, -130},
    {0x1.b38fb9daa78e4p+0, 0x1.2acb73de9ac65p-54, -127},
    {0x1.1039d428a8b8fp+0, -0x1.4540d794df441p-54, -123},
    {0x1.54484932d2e72p+0, 0x1.696ef285e8eafp-54, -120},
    {0x1.a95a5b7f87a0fp+0, -0x1.e1aa86c4e6d2fp-57, -117},
    {0x1.09d8792fb4c49p+0, 0x1.5a5ead789df78p-54, -113},
    {0x1.4c4e977ba1f5cp+0, -0x1.4f09a7293a8aap-54, -110},
    {0x1.9f623d5a8a733p+0, -0x1.a2cc10f3892d4p-54, -107},
    {0x1.039d665896880p+0, -0x1.85bf8a9835bc4p-54, -103},
    {0x1.4484bfeebc2a0p+0, -0x1.e72f6d3e432b6p-54, -100},
    {0x1.95a5efea6b347p+0, 0x1.9f04b7722c09dp-54, -97},
    {0x1.fb0f6be506019p+0, 0x1.06c5e54eb70c4p-54, -94},
    {0x1.3ce9a36f23c10p+0, -0x1.b788a15d9b30bp-55, -90},
    {0x1.8c240c4aecb14p+0, -0x1.12b564da80fe7p-54, -87},
    {0x1.ef2d0f5da7dd9p+0, -0x1.5762be11213e0p-54, -84},
    {0x1.357c299a88ea7p+0, 0x1.a96249354b394p-54, -80},
    {0x1.82db34012b251p+0, 0x1.13badb829e079p-54, -77},
    {0x1.e392010175ee6p+0, -0x1.a7566d9cba769p-54, -74},
    {0x1.2e3b40a0e9b4fp+0, 0x1.f769fb7e0b75ep-54, -70},
    {0x1.79ca10c924223p+0, 0x1.75447a5d8e536p-54, -67},
    {0x1.d83c94fb6d2acp+0, 0x1.a52b31e9e3d07p-55, -64},
    {0x1.2725dd1d243acp+0, -0x1.7c628066e8ceep-54, -60},
    {0x1.70ef54646d497p+0, -0x1.db7b2080a3029p-54, -57},
    {0x1.cd2b297d889bcp+0, 0x1.5b4c2ebe68799p-55, -54},
    {0x1.203af9ee75616p+0, -0x1.937831647f5a0p-54, -50},
    {0x1.6849b86a12b9bp+0, 0x1.ea70909833de7p-60, -47},
    {0x1.c25c268497682p+0, -0x1.ecd79a5a0df95p-55, -44},
    {0x1.19799812dea11p+0, 0x1.97f27f0f6e886p-56, -40},
    {0x1.5fd7fe1796495p+0, 0x1.7f7bc7b4d28aap-54, -37},
    {0x1.b7cdfd9d7bdbbp+0, -0x1.20a5465df8d2cp-54, -34},
    {0x1.12e0be826d695p+0, -0x1.34674bfabb83bp-54, -30},
    {0x1.5798ee2308c3ap+0, -0x1.03023df2d4c94p-55, -27},
    {0x1.ad7f29abcaf48p+0, 0x1.5e1e99483b023p-54, -24},
    {0x1.0c6f7a0b5ed8dp+0, 0x1.b5a63f9a49c2cp-55, -20},
    {0x1.4f8b588e368f1p+0, -0x1.ee78183f91e64p-54, -17},
    {0x1.a36e2eb1c432dp+0, -0x1.6a161e4f765fep-54, -14},
    {0x1.0624dd2f1a9fcp+0, -0x1.89374bc6a7efap-56, -10},
    {0x1.47ae147ae147bp+0, -0x1.eb851eb851eb8p-56, -7},
    {0x1.999999999999ap+0, -0x1.999999999999ap-54, -4},
    {0x1.0000000000000p+0, 0x0.0p+0, 0},
    {0x1.4000000000000p+0, 0x0.0p+0, 3},
    {0x1.9000000000000p+0, 0x0.0p+0, 6},
    {0x1.f400000000000p+0, 0x0.0p+0, 9},
    {0x1.3880000000000p+0, 0x0.0p+0, 13},
    {0x1.86a0000000000p+0, 0x0.0p+0, 16},
    {0x1.e848000000000p+0, 0x0.0p+0, 19},
    {0x1.312d000000000p+0, 0x0.0p+0, 23},
    {0x1.7d78400000000p+0, 0x0.0p+0, 26},
    {0x1.dcd6500000000p+0, 0x0.0p+0, 29},
    {0x1.2a05f20000000p+0, 0x0.0p+0, 33},
    {0x1.74876e8000000p+0, 0x0.0p+0, 36},
    {0x1.d1a94a2000000p+0, 0x0.0p+0, 39},
    {0x1.2309ce5400000p+0, 0x0.0p+0, 43},
    {0x1.6bcc41e900000p+0, 0x0.0p+0, 46},
    {0x1.c6bf526340000p+0, 0x0.0p+0, 49},
    {0x1.1c37937e08000p+0, 0x0.0p+0, 53},
    {0x1.6345785d8a000p+0, 0x0.0p+0, 56},
    {0x1.bc16d674ec800p+0, 0x0.0p+0, 59},
    {0x1.158e460913d00p+0, 0x0.0p+0, 63},
    {0x1.5af1d78b58c40p+0, 0x0.0p+0, 66},
    {0x1.b1ae4d6e2ef50p+0, 0x0.0p+0, 69},
    {0x1.0f0cf064dd592p+0, 0x0.0p+0, 73},
    {0x1.52d02c7e14af6p+0, 0x1.0000000000000p-53, 76},
    {0x1.a784379d99db4p+0, 0x1.0000000000000p-55, 79},
    {0x1.08b2a2c280291p+0, -0x1.b000000000000p-54, 83},
    {0x1.4adf4b7320335p+0, -0x1.1c00000000000p-54, 86},
    {0x1.9d971e4fe8402p+0, -0x1.8c00000000000p-56, 89},
    {0x1.027e72f1f1281p+0, 0x1.8440000000000p-55, 93},
    {0x1.431e0fae6d721p+0, 0x1.f2a8000000000p-54, 96},
    {0x1.93e5939a08ceap+0, -0x1.215c000000000p-55, 99},
    {0x1.f8def8808b024p+0, 0x1.4b26800000000p-54, 102},
    {0x1.3b8b5b5056e17p+0, -0x1.3107f00000000p-54, 106},
    {0x1.8a6e32246c99cp+0, 0x1.82b6140000000p-54, 109},
    {0x1.ed09bead87c03p+0, 0x1.e363990000000p-54, 112},
    {0x1.3426172c74d82p+0, 0x1.5c3c7f4000000p-55, 116},
    {0x1.812f9cf7920e3p+0, -0x1.265a307800000p-54, 119},
    {0x1.e17b84357691bp+0, 0x1.900f436a00000p-54, 122},
    {0x1.2ced32a16a1b1p+0, 0x1.e826288900000p-56, 126},
    {0x1.78287f49c4a1dp+0, 0x1.988becaad0000p-54, 129},
    {0x1.d6329f1c35ca5p+0, -0x1.0151182a7c000p-54, 132},
    {0x1.25dfa371a19e7p+0, -0x1.069578d46c000p-57, 136},
    {0x1.6f578c4e0a061p+0, -0x1.29075ae130e00p-54, 139},
    {0x1.cb2d6f618c879p+0, -0x1.cd24c665f4600p-56, 142},
    {0x1.1efc659cf7d4cp+0, -0x1.c80dbeffee2f0p-54, 146},
    {0x1.66bb7f0435c9ep+0, 0x1.c5eed14016454p-54, 149},
    {0x1.c06a5ec5433c6p+0, 0x1.bb542c80deb48p-57, 152},
    {0x1.18427b3b4a05cp+0, -0x1.babad90bdd33dp-55, 156},
    {0x1.5e531a0a1c873p+0, -0x1.14b4c7a76a406p-54, 159},
    {0x1.b5e7e08ca3a8fp+0, 0x1.a61e066ebb2f9p-54, 162},
    {0x1.11b0ec57e649ap+0, -0x1.782d3bfacb025p-54, 166},
    {0x1.561d276ddfdc0p+0, 0x1.4e3ba83411e91p-57, 169},
    {0x1.aba4714957d30p+0, 0x1.a1ca924116636p-57, 172},
    {0x1.0b46c6cdd6e3ep+0, 0x1.051e9b68adfe2p-57, 176},
    {0x1.4e1878814c9cep+0, -0x1.d73337b7a4d05p-54, 179},
    {0x1.a19e96a19fc41p+0, -0x1.3400169638118p-56, 182},
    {0x1.05031e2503da9p+0, -0x1.b020038778c2cp-54, 186},
    {0x1.4643e5ae44d13p+0, -0x1.1c28046956f37p-54, 189},
    {0x1.97d4df19d6057p+0, 0x1.9ccdfa7c534fcp-54, 192},
    {0x1.fdca16e04b86dp+0, 0x1.0401791b6823bp-54, 195},
    {0x1.3e9e4e4c2f344p+0, 0x1.2280ebb121165p-54, 199},
    {0x1.8e45e1df3b015p+0, 0x1.6b21269d695bep-54, 202},
    {0x1.f1d75a5709c1bp+0, -0x1.3a168fbb3c4d3p-54, 205},
    {0x1.3726987666191p+0, -0x1.444e19d505b04p-54, 209},
    {0x1.84f03e93ff9f5p+0, -0x1.2ac340948e389p-55, 212},
    {0x1.e62c4e38ff872p+0, 0x1.1517de8c9c729p-56, 215},
    {0x1.2fdbb0e39fb47p+0, 0x1.2b4bbac5f871ep-54, 219},
    {0x1.7bd29d1c87a19p+0, 0x1.d87aa5ddda398p-56, 222},
    {0x1.dac74463a989fp+0, 0x1.93a653d55431fp-54, 225},
    {0x1.28bc8abe49f64p+0, -0x1.83b80b9aab60cp-54, 229},
    {0x1.72ebad6ddc73dp+0, -0x1.e4a60e815638fp-54, 232},
    {0x1.cfa698c95390cp+0, -0x1.5dcf9221abc73p-54, 235},
    {0x1.21c81f7dd43a7p+0, 0x1.255e44aaf4a38p-54, 239},
    {0x1.6a3a275d49491p+0, 0x1.bad75756c7318p-56, 242},
    {0x1.c4c8b1349b9b5p+0, 0x1.8a634b4b1e3f7p-54, 245},
    {0x1.1afd6ec0e1411p+0, 0x1.767e0f0ef2e7bp-54, 249},
    {0x1.61bcca7119916p+0, -0x1.2be26d2d505e7p-54, 252},
    {0x1.ba2bfd0d5ff5bp+0, 0x1.1249ef0eb713fp-55, 255},
    {0x1.145b7e285bf99p+0, -0x1.52472a5b364e2p-57, 259},
    {0x1.59725db272f7fp+0, 0x1.9649c2c37f079p-55, 262},
    {0x1.afcef51f0fb5fp+0, -0x1.08f322e84da10p-61, 265},
    {0x1.0de1593369d1bp+0, 0x1.7eb4d0145d9efp-54, 269},
    {0x1.5159af8044462p+0, 0x1.bcc40832ea0d7p-55, 272},
    {0x1.a5b01b605557bp+0, -0x1.d40af5c05b6f4p-55, 275},
    {0x1.078e111c3556dp+0, -0x1.12436ccc1c92cp-54, 279},
    {0x1.4971956342ac8p+0, -0x1.5b511ffc8edddp-56, 282},
    {0x1.9bcdfabc1357ap+0, -0x1.b22567fbb2954p-56, 285},
    {0x1.0160bcb58c16cp+0, 0x1.78544f8158316p-55, 289},
    {0x1.41b8ebe2ef1c7p+0, 0x1.d6696361ae3dbp-55, 292},
    {0x1.922726dbaae39p+0, 0x1.300ef0e867348p-57, 295},
    {0x1.f6b0f092959c7p+0, 0x1.2f8255a450203p-54, 298},
    {0x1.3a2e965b9d81dp+0, -0x1.c24e8a794debep-54, 302},
    {0x1.88ba3bf284e24p+0, -0x1.32e22d17a166ep-54, 305},
    {0x1.eae8caef261adp+0, -0x1.7f9ab85d89c09p-54, 308},
    {0x1.32d17ed577d0cp+0, -0x1.bf02cce9d8616p-56, 312},
    {0x1.7f85de8ad5c4fp+0, -0x1.1761c012273cep-55, 315},
    {0x1.df67562d8b363p+0, -0x1.ae9d180b58861p-54, 318},
    {0x1.2ba095dc7701ep+0, -0x1.8d222f071753cp-54, 322},
    {0x1.7688bb5394c25p+0, 0x1.f2a8a6e45ae8fp-59, 325},
    {0x1.d42aea2879f2ep+0, 0x1.137a9684eb8d2p-54, 328},
    {0x1.249ad2594c37dp+0, -0x1.4f4d87b3b31f4p-56, 332},
    {0x1.6dc186ef9f45cp+0, 0x1.2e6f8b2fb00c7p-55, 335},
    {0x1.c931e8ab87173p+0, 0x1.7a0b6dfb9c0f9p-55, 338},
    {0x1.1dbf316b346e8p+0, -0x1.3b8db42be7643p-59, 342},
    {0x1.652efdc6018a2p+0, -0x1.8a712136e13d3p-59, 345},
    {0x1.be7abd3781ecap+0, 0x1.f09794b3db33ap-54, 348},
    {0x1.170cb642b133fp+0, -0x1.c9a1430f96ffcp-54, 352},
    {0x1.5ccfe3d35d80ep+0, 0x1.87ecd8590680ap-55, 355},
    {0x1.b403dcc834e12p+0, -0x1.0b0bf8c85befap-54, 358},
    {0x1.108269fd210cbp+0, 0x1.6462120b1a290p-56, 362},
    {0x1.54a3047c694fep+0, -0x1.2142b4b90fa66p-55, 365},
    {0x1.a9cbc59b83a3dp+0, 0x1.4b364f0c56380p-54, 368},
    {0x1.0a1f5b8132466p+0, 0x1.4f01f167b5e30p-54, 372},
    {0x1.4ca732617ed80p+0, -0x1.74f648f97290fp-56, 375},
    {0x1.9fd0fef9de8e0p+0, -0x1.d233db37cf353p-56, 378},
    {0x1.03e29f5c2b18cp+0, -0x1.23606902e1814p-56, 382},
    {0x1.44db473335defp+0, -0x1.6c38834399e19p-56, 385},
    {0x1.961219000356bp+0, -0x1.71d1a90520168p-54, 388},
    {0x1.fb969f40042c5p+0, 0x1.31b9ecb997e3ep-54, 391},
    {0x1.3d3e2388029bbp+0, 0x1.3f1433f3feee7p-54, 395},
    {0x1.8c8dac6a0342ap+0, 0x1.1db281e1fd541p-55, 398},
    {0x1.efb1178484135p+0, -0x1.4d706ed2c1ab7p-54, 401},
    {0x1.35ceaeb2d28c1p+0, -0x1.4199150ee42cap-56, 405},
    {0x1.83425a5f872f1p+0, 0x1.370052d6b1642p-55, 408},
    {0x1.e412f0f768fadp+0, 0x1.c26033c62ede9p-54, 411},
    {0x1.2e8bd69aa19ccp+0, 0x1.997c205bdd4b2p-54, 415},
    {0x1.7a2ecc414a03fp+0, 0x1.ffdb2872d49dep-54, 418},
    {0x1.d8ba7f519c84fp+0, 0x1.7fd1f28f89c56p-54, 421},
    {0x1.27748f9301d32p+0, -0x1.901cc86649e4ap-54, 425},
    {0x1.7151b377c247ep+0, 0x1.7b80b0047445dp-59, 428},
    {0x1.cda62055b2d9ep+0, -0x1.f12cf91fd3754p-54, 431},
    {0x1.2087d4358fc82p+0, 0x1.c943e44c1bd6bp-54, 435},
    {0x1.68a9c942f3ba3p+0, 0x1.dca6eaf916631p-57, 438},
    {0x1.c2d43b93b0a8cp+0, -0x1.6b0bd69229011p-55, 441},
    {0x1.19c4a53c4e697p+0, 0x1.8e8c4cf2532fbp-54, 445},
    {0x1.6035ce8b6203dp+0, 0x1.e45ec05dcff73p-55, 448},
    {0x1.b843422e3a84dp+0, -0x1.d144c7c55e058p-54, 451},
    {0x1.132a095ce4930p+0, -0x1.4595f9b6b586ep-55, 455},
    {0x1.57f48bb41db7cp+0, -0x1.96fb782462e8ap-55, 458},
    {0x1.adf1aea12525bp+0, -0x1.fcba562d7ba2cp-55, 461},
    {0x1.0cb70d24b7379p+0, -0x1.1efa3aee36a2ep-54, 465},
    {0x1.4fe4d06de5057p+0, -0x1.9ae326a7112e5p-56, 468},
    {0x1.a3de04895e46dp+0, -0x1.8066fc14355e8p-54, 471},
    {0x1.066ac2d5daec4p+0, -0x1.c1017632856c3p-56, 475},
    {0x1.4805738b51a75p+0, -0x1.18a0e9df9363ap-55, 478},
    {0x1.9a06d06e26112p+0, 0x1.426db7510f86fp-56, 481},
    {0x1.00444244d7cabp+0, 0x1.326124a4aa6d1p-54, 485},
    {0x1.405552d60dbd6p+0, 0x1.fbe5b73754217p-56, 488},
    {0x1.906aa78b912ccp+0, -0x1.614836beb5b59p-54, 491},
    {0x1.f485516e7577fp+0, -0x1.b99a446e6322fp-54, 494},
    {0x1.38d352e5096afp+0, 0x1.affe54ec0828ap-56, 498},
    {0x1.8708279e4bc5bp+0, -0x1.e40215d8f5cd3p-56, 501},
    {0x1.e8ca3185deb72p+0, -0x1.9740a6d3ccd02p-54, 504},
    {0x1.317e5ef3ab327p+0, 0x1.7797bb9ffdeccp-62, 508},
    {0x1.7dddf6b095ff1p+0, -0x1.fc5504aaf0053p-55, 511},
    {0x1.dd55745cbb7edp+0, -0x1.eda91756b019fp-57, 514},
    {0x1.2a5568b9f52f4p+0, 0x1.65bb28b4e8f7ep-56, 518},
    {0x1.74eac2e8727b1p+0, 0x1.bf29f2e22335ep-56, 521},
    {0x1.d22573a28f19dp+0, 0x1.8bbd1be6ab00dp-54, 524},
    {0x1.2357684599702p+0, 0x1.775631702ae08p-54, 528},
    {0x1.6c2d4256ffcc3p+0, -0x1.56a2119e533adp-57, 531},
    {0x1.c73892ecbfbf4p+0, -0x1.358952c0bd013p-54, 534},
    {0x1.1c835bd3f7d78p+0, 0x1.3e8a2c4789df4p-54, 538},
    {0x1.63a432c8f5cd6p+0, 0x1.8e2cb7596c571p-54, 541},
    {0x1.bc8d3f7b3340cp+0, -0x1.c9035a0712651p-59, 544},
    {0x1.15d847ad00087p+0, 0x1.f712ef3ddca40p-54, 548},
    {0x1.5b4e5998400a9p+0, 0x1.74d7ab0d53cd1p-54, 551},
    {0x1.b221effe500d4p+0, -0x1.2df26a2f573fbp-54, 554},
    {0x1.0f5535fef2084p+0, 0x1.43487da269783p-54, 558},
    {0x1.532a837eae8a5p+0, 0x1.941a9d0b03d64p-54, 561},
    {0x1.a7f5245e5a2cfp+0, -0x1.06debbb23b343p-54, 564},
    {0x1.08f936baf85c1p+0, 0x1.b769956135fecp-55, 568},
    {0x1.4b378469b6732p+0, -0x1.ed5e02a33e40dp-54, 571},
    {0x1.9e056584240fep+0, -0x1.a2d60d3037440p-56, 574},
    {0x1.02c35f729689fp+0, -0x1.4171720f88a2ap-54, 578},
    {0x1.4374374f3c2c6p+0, 0x1.6e32316c9534cp-54, 581},
    {0x1.945145230b378p+0, -0x1.b20a11c22bf0cp-57, 584},
    {0x1.f965966bce056p+0, -0x1.0f464b195b768p-56, 587},
    {0x1.3bdf7e0360c36p+0, -0x1.2a62fbbbf64a8p-54, 591},
    {0x1.8ad75d8438f43p+0, 0x1.16088aaa1845cp-55, 594},
    {0x1.ed8d34e547314p+0, -0x1.48eaa556c351bp-56, 597},
    {0x1.3478410f4c7ecp+0, 0x1.cc9b562a717b4p-54, 601},
    {0x1.819651531f9e8p+0, -0x1.c03dd44af225fp-54, 604},
    {0x1.e1fbe5a7e7861p+0, 0x1.cfb2b6a251509p-54, 607},
    {0x1.2d3d6f88f0b3dp+0, -0x1.78c1376a34b6ap-56, 611},
    {0x1.788ccb6b2ce0cp+0, 0x1.14873d5d9f0dep-55, 614},
    {0x1.d6affe45f818fp+0, 0x1.59a90cb506d15p-55, 617},
    {0x1.262dfeebbb0f9p+0, 0x1.ec04d3f892217p-54, 621},
    {0x1.6fb97ea6a9d38p+0, -0x1.31f3ee1292ac7p-55, 624},
    {0x1.cba7de5054486p+0, -0x1.7e70e99737579p-55, 627},
    {0x1.1f48eaf234ad4p+0, -0x1.778348ff414b6p-54, 631},
    {0x1.671b25aec1d89p+0, -0x1.d5641b3f119e3p-54, 634},
    {0x1.c0e1ef1a724ebp+0, -0x1.4abd220ed605cp-54, 637},
    {0x1.188d357087713p+0, -0x1.4eb6354945c3ap-54, 641},
    {0x1.5eb082cca94d7p+0, 0x1.5d9c3d6468cb8p-54, 644},
    {0x1.b65ca37fd3a0dp+0, 0x1.6a06997b05fccp-55, 647},
    {0x1.11f9e62fe4448p+0, 0x1.e2441fece3be0p-55, 651},
    {0x1.56785fbbdd55ap+0, 0x1.2d6a93f40e56cp-54, 654},
    {0x1.ac1677aad4ab1p+0, -0x1.0e758e1ddc273p-55, 657},
    {0x1.0b8e0acac4eafp+0, -0x1.d484bc6954cc4p-54, 661},
    {0x1.4e718d7d7625ap+0, 0x1.6cb428f8ac016p-55, 664},
    {0x1.a20df0dcd3af1p+0, -0x1.1c0f6664947f2p-54, 667},
    {0x1.0548b68a044d6p+0, 0x1.ce76600123309p-54, 671},
    {0x1.469ae42c8560cp+0, 0x1.084fe005aff2cp-56, 674},
    {0x1.98419d37a6b8fp+0, 0x1.4a63d8071bef7p-56, 677},
    {0x1.fe52048590673p+0, -0x1.318198fb8e8a6p-55, 680},
    {0x1.3ef342d37a408p+0, -0x1.bef0ff9d39168p-55, 684},
    {0x1.8eb0138858d0ap+0, -0x1.17569fc243ae1p-54, 687},
    {0x1.f25c186a6f04cp+0, 0x1.45a7709a56ccep-55, 690},
    {0x1.37798f4285630p+0, -0x1.9a3baccfc4e00p-54, 694},
    {0x1.8557f31326bbbp+0, 0x1.ff3567fc49e80p-54, 697},
    {0x1.e6adefd7f06aap+0, 0x1.7f02c1fb5c621p-54, 700},
    {0x1.302cb5e6f642ap+0, 0x1.ef61b93d19bd4p-54, 704},
    {0x1.7c37e360b3d35p+0, 0x1.ace89e3180b26p-56, 707},
    {0x1.db45dc38e0c82p+0, 0x1.8608b16f7837cp-54, 710},
    {0x1.290ba9a38c7d1p+0, 0x1.f3c56ee5ab22dp-54, 714},
    {0x1.734e940c6f9c6p+0, -0x1.1e926ac1d428fp-55, 717},
    {0x1.d022390f8b837p+0, 0x1.4ce47d46db667p-54, 720},
    {0x1.221563a9b7323p+0, -0x1.aff131b3b6e00p-54, 724},
    {0x1.6a9abc9424febp+0, 0x1.c82503beb6d01p-55, 727},
    {0x1.c5416bb92e3e6p+0, 0x1.d172257324208p-58, 730},
    {0x1.1b48e353bce70p+0, -0x1.dba31513012d7p-55, 734},
    {0x1.621b1c28ac20cp+0, -0x1.2945ed2be0bc7p-54, 737},
    {0x1.baa1e332d728fp+0, -0x1.73976876d8eb8p-54, 740},
    {0x1.14a52dffc6799p+0, 0x1.2f82bd6b70d9ap-55, 744},
    {0x1.59ce797fb817fp+0, 0x1.bdb1b66326880p-54, 747},
    {0x1.b04217dfa61dfp+0, 0x1.2d1e23fbf02a0p-54, 750},
    {0x1.0e294eebc7d2cp+0, -0x1.c3cd298289e5cp-54, 754},
    {0x1.51b3a2a6b9c76p+0, 0x1.cb3f8c1cd3a0dp-54, 757},
    {0x1.a6208b5068394p+0, 0x1.f07b792044482p-57, 760},
    {0x1.07d457124123dp+0, -0x1.d9365a897aaa6p-54, 764},
    {0x1.49c96cd6d16ccp+0, -0x1.4f83f12bd954fp-54, 767},
    {0x1.9c3bc80c85c7fp+0, -0x1.a364ed76cfaa3p-54, 770},
    {0x1.01a55d07d39cfp+0, 0x1.e783ae56f8d68p-56, 774},
    {0x1.420eb449c8843p+0, -0x1.9e9b661348f3ep-56, 777},
    {0x1.9292615c3aa54p+0, -0x1.81908fe606cc3p-54, 780},
    {0x1.f736f9b3494e9p+0, -0x1.e1f4b3df887f4p-54, 783},
    {0x1.3a825c100dd11p+0, 0x1.52c70f944ab07p-54, 787},
    {0x1.8922f31411456p+0, -0x1.58872c86a2a37p-54, 790},
    {0x1.eb6bafd91596bp+0, 0x1.455c215ed2cefp-56, 793},
    {0x1.33234de7ad7e3p+0, -0x1.34a66b24bc3ebp-56, 797},
    {0x1.7fec216198ddcp+0, -0x1.6074017b7ad39p-54, 800},
    {0x1.dfe729b9ff153p+0, -0x1.b89101da59888p-54, 803},
    {0x1.2bf07a143f6d4p+0, -0x1.935aa12877f55p-54, 807},
    {0x1.76ec98994f489p+0, -0x1.f831497295f2ap-54, 810},
    {0x1.d4a7bebfa31abp+0, -0x1.763d9bcf3b6f5p-54, 813},
    {0x1.24e8d737c5f0bp+0, -0x1.69e6816185259p-54, 817},
    {0x1.6e230d05b76cdp+0, 0x1.3b9fde4619911p-54, 820},
    {0x1.c9abd04725481p+0, -0x1.75782a28600abp-54, 823},
    {0x1.1e0b622c774d0p+0, 0x1.9694e5a6c3f95p-54, 827},
    {0x1.658e3ab795204p+0, 0x1.fc3a1f1074f7bp-54, 830},
    {0x1.bef1c9657a686p+0, -0x1.84b7592b6dca7p-54, 833},
    {0x1.17571ddf6c814p+0, -0x1.f2f297bb249e8p-54, 837},
    {0x1.5d2ce55747a18p+0, 0x1.9050c2561239ep-54, 840},
    {0x1.b4781ead1989ep+0, 0x1.f464f2eb96c85p-54, 843},
    {0x1.10cb132c2ff63p+0, 0x1.c5f8be99f1e99p-57, 847},
    {0x1.54fdd7f73bf3cp+0, -0x1.7222446fe4670p-55, 850},
    {0x1.aa3d4df50af0bp+0, -0x1.ceaad58bdd80cp-55, 853},
    {0x1.0a6650b926d67p+0, -0x1.109562bbb5384p-54, 857},
    {0x1.4cffe4e7708c0p+0, 0x1.ab4544955d79bp-54, 860},
    {0x1.a03fde214caf1p+0, -0x1.e9e96a454b27ep-54, 863},
    {0x1.0427ead4cfed6p+0, 0x1.4dce1d94b1071p-54, 867},
    {0x1.4531e58a03e8cp+0, -0x1.7af96c188adc9p-56, 870},
    {0x1.967e5eec84e2fp+0, -0x1.d9b7c71ead93cp-56, 873},
    {0x1.fc1df6a7a61bbp+0, -0x1.94096e39963e3p-54, 876},
    {0x1.3d92ba28c7d15p+0, -0x1.7c85e4e3fde6ep-54, 880},
    {0x1.8cf768b2f9c5ap+0, -0x1.b74ebc39fac12p-55, 883},
    {0x1.f03542dfb8370p+0, 0x1.dadd94b7868e9p-55, 886},
    {0x1.362149cbd3226p+0, 0x1.28ca7cf2b4192p-55, 890},
    {0x1.83a99c3ec7eb0p+0, -0x1.468171e84f705p-54, 893},
    {0x1.e494034e79e5cp+0, -0x1.9821ce62634c6p-54, 896},
    {0x1.2edc82110c2f9p+0, 0x1.00eadf0281f04p-54, 900},
    {0x1.7a93a2954f3b8p+0, -0x1.beda693cdd93bp-54, 903},
    {0x1.d9388b3aa30a5p+0, 0x1.d16efc73eb077p-54, 906},
    {0x1.27c35704a5e67p+0, 0x1.a2e55dc872e4ap-54, 910},
    {0x1.71b42cc5cf601p+0, 0x1.0b9eb53a8f9ddp-54, 913},
    {0x1.ce2137f743382p+0, -0x1.b1799d76cc7acp-54, 916},
    {0x1.20d4c2fa8a031p+0, -0x1.dd804d47f9975p-59, 920},
    {0x1.6909f3b92c83dp+0, 0x1.dab1f9f660803p-55, 923},
    {0x1.c34c70a777a4dp+0, -0x1.d750c3c603afep-54, 926},
    {0x1.1a0fc668aac70p+0, -0x1.4d24f4b7849bep-55, 930},
    {0x1.6093b802d578cp+0, -0x1.a06e31e565c2dp-55, 933},
    {0x1.b8b8a6038ad6fp+0, -0x1.0444df2f5f99cp-54, 936},
    {0x1.137367c236c65p+0, 0x1.baa9e904c87fdp-55, 940},
    {0x1.585041b2c477fp+0, -0x1.eb55ce5d02b02p-54, 943},
    {0x1.ae64521f7595ep+0, 0x1.33a97c177947bp-55, 946},
    {0x1.0cfeb353a97dbp+0, -0x1.3fb6127154333p-55, 950},
    {0x1.503e602893dd2p+0, -0x1.c7d1cb86d4a00p-54, 953},
    {0x1.a44df832b8d46p+0, -0x1.ce31f3444e400p-57, 956},
    {0x1.06b0bb1fb384cp+0, -0x1.241be701561d0p-54, 960},
    {0x1.485ce9e7a065fp+0, -0x1.6d22e0c1aba44p-54, 963},
    {0x1.9a742461887f6p+0, 0x1.3794670de972bp-54, 966},
    {0x1.008896bcf54fap+0, -0x1.ea19fcba70c29p-57, 970},
    {0x1.40aabc6c32a38p+0, 0x1.b36bf082de61ap-54, 973},
    {0x1.90d56b873f4c7p+0, -0x1.dfb9135c6a060p-54, 976},
    {0x1.f50ac6690f1f8p+0, 0x1.50b14f98f6f10p-55, 979},
    {0x1.3926bc01a973bp+0, 0x1.a4dda37f34ad4p-56, 983},
    {0x1.87706b0213d0ap+0, -0x1.f1eaf3a0fe277p-56, 986},
    {0x1.e94c85c298c4cp+0, 0x1.646693ddb093bp-54, 989},
    {0x1.31cfd3999f7b0p+0, -0x1.213fe39571a3bp-54, 993},
    {0x1.7e43c8800759cp+0, -0x1.698fdc7ace0cap-54, 996},
    {0x1.ddd4baa009303p+0, -0x1.c3f3d399818fdp-54, 999},
    {0x1.2aa4f4a405be2p+0, -0x1.9a78643ff0f9ep-54, 1003},
    {0x1.754e31cd072dap+0, -0x1.167d4fed38559p-62, 1006},
    {0x1.d2a1be4048f90p+0, 0x1.fea3e35c17799p-54, 1009},
    {0x1.23a516e82d9bap+0, 0x1.3f266e198eac0p-54, 1013},
    {0x1.6c8e5ca239029p+0, -0x1.c43fd98036a41p-56, 1016},
    {0x1.c7b1f3cac7433p+0, 0x1.cab0301fbbb2fp-56, 1019},
    {0x1.1ccf385ebc8a0p+0, -0x1.c2a3c3d855605p-57, 1023},
    {0x1.640306766bac8p+0, -0x1.19a65a67355c3p-56, 1026},
    {0x1.bd03c8140697ap+0, -0x1.600ff10102b34p-56, 1029},
    {0x1.16225d0c841ecp+0, 0x1.91fb04afaf280p-55, 1033},
    {0x1.5baaf44fa5267p+0, 0x1.f679c5db9af20p-55, 1036},
    {0x1.b295b1638e701p+0, 0x1.d060dd4a06b9ep-57, 1039},
    {0x1.0f9d8ede39061p+0, -0x1.5bb86eb637798p-54, 1043},
    {0x1.5384f295c7479p+0, -0x1.654d14c78aafbp-55, 1046},
    {0x1.a8662f3b39197p+0, 0x1.057e981a4a918p-57, 1049},
    {0x1.093fdd8503afep+0, 0x1.946de3e20dd36p-54, 1053},
    {0x1.4b8fd4e6449bep+0, -0x1.9da8c95badf28p-60, 1056},
    {0x1.9e73ca1fd5c2dp+0, 0x1.f7ebb411359a4p-54, 1059},
    {0x1.03085e53e599cp+0, 0x1.baf3508ac1807p-54, 1063},
    {0x1.43ca75e8df004p+0, -0x1.d64fdb528e1f8p-54, 1066},
    {0x1.94bd136316c04p+0, 0x1.b41c2dd8ce58ap-54, 1069},
    {0x1.f9ec583bdc706p+0, -0x1.dedcc6b0fe113p-54, 1072},
    {0x1.3c33b72569c63p+0, 0x1.d4b603d161354p-54, 1076},
    {0x1.8b40a4eec437cp+0, 0x1.49e384c5b9829p-54, 1079},
    {0x1.ee10ce2a7545bp+0, 0x1.9c5c65f727e33p-54, 1082},
    {0x1.34ca80da894b9p+0, 0x1.03737f74f1dc0p-55, 1086},
    {0x1.81fd21112b9e7p+0, 0x1.a2282fa917298p-54, 1089},
    {0x1.e27c695576861p+0, 0x1.0ab23b935cf3ep-54, 1092},
    {0x1.2d8dc1d56a13dp+0, -0x1.b2a13587cbcf2p-55, 1096},
};

// Exact product a * b = p + e (Dekker's splitting; wasm has no fused
// multiply-add, and libm's software fma would be slower). Operands stay far
// from overflow here.
void two_product(double a, double b, double* p, double* e) {
  constexpr double kSplit = 134217729.0;  // 2**27 + 1
  *p = a * b;
  double ta = kSplit * a, tb = kSplit * b;
  double ah = ta - (ta - a), al = a - ah;
  double bh = tb - (tb - b), bl = b - bh;
  *e = ((ah * bh - *p) + ah * bl + al * bh) + al * bl;
}

// Shortest repr digits of a normal double without snprintf. x * 10**k is
// computed in double-double arithmetic (error < 1e-14 on a value in
// [1e16, 1e17)), giving 17 digits D plus the fraction f. The nearest 15-,
// 16- and 17-digit candidates and their distances from x are then known
// precisely enough to decide round-tripping by comparing with half an ulp,
// except within a tiny margin of a tie or of the interval edge: those rare
// cases return false and take the exact snprintf/strtod path.
bool shortest_digits_dd(uint64_t bits, Digits& g) {
  const int be = static_cast<int>(bits >> 52);  // biased exponent, >= 1
  const uint64_t frac = bits & ((uint64_t{1} << 52) - 1);
  const double m = static_cast<double>(frac | (uint64_t{1} << 52));  // ax = m * 2**e2
  const int e2 = be - 1075;
  int k = 16 - static_cast<int>(std::floor((be - 1023) * 0.30102999566398120));
  uint64_t digits = 0;
  double f = 0, hi = 0;
  for (int tries = 0;; ++tries) {
    if (tries == 3 || k < kPow10TableMin || k > kPow10TableMin + 630) return false;
    const Pow10Entry& t = kPow10Table[k - kPow10TableMin];
    double p, e;
    two_product(m, t.hi, &p, &e);
    double s = e + m * t.lo;
    double h = p + s;
    double l = s - (h - p);
    // m * (hi + lo) lies in [2**52, 2**54), so the final power of two is
    // small and scaling by it is exact.
    int n = e2 + t.bexp;
    uint64_t scale_bits = static_cast<uint64_t>(1023 + n) << 52;
    double scale;
    std::memcpy(&scale, &scale_bits, sizeof scale);
    h *= scale;
    l *= scale;
    if (h < 9.9e15) {
      ++k;
      continue;
    }
    if (h > 1.01e17) {
      --k;
      continue;
    }
    // h >= 2**53 is integral; l is within a few units of zero.
    double fl = std::floor(l);
    int64_t d = static_cast<int64_t>(h) + static_cast<int64_t>(fl);
    if (d < 10000000000000000) {
      ++k;
      continue;
    }
    if (d >= 100000000000000000) {
      --k;
      continue;
    }
    digits = static_cast<uint64_t>(d);
    f = l - fl;
    hi = h;
    break;
  }
  constexpr double kEps = 1e-6;
  // Half an ulp of ax in units of 10**-k; below a power of two the gap (and
  // so the rounding interval) is half as wide.
  const double half_up = 0.5 * hi / m;
  const double half_down = (frac == 0 && be > 1) ? half_up / 2 : half_up;
  uint64_t unit = 100;
  for (int n = 15; n <= 17; ++n, unit /= 10) {
    uint64_t q = digits / unit;
    double r = static_cast<double>(digits % unit) + f;  // V = q * unit + r
    double half = static_cast<double>(unit) / 2;
    if (std::fabs(r - half) < kEps) return false;
    bool up = r > half;
    double dist = up ? static_cast<double>(unit) - r : r;
    double lim = up ? half_up : half_down;
    if (std::fabs(dist - lim) < kEps) return false;
    uint64_t c;
    if (dist < lim) {
      c = up ? q + 1 : q;
    } else {
      // The nearest candidate misses; the one on the other side is farther
      // but may still hit when that side of the interval is the wider one.
      double dist2 = static_cast<double>(unit) - dist;
      double lim2 = up ? half_down : half_up;
      if (std::fabs(dist2 - lim2) < kEps) return false;
      if (dist2 >= lim2) continue;
      c = up ? q : q + 1;
    }
    g.len = put_uint(c, g.d);
    g.decpt = 17 - k + (g.len - n);
    strip_trailing_zeros(g);
    return true;
  }
  return false;
}

// Shortest digit string that strtod maps back to ax (finite, > 0), the one
// nearest to ax when several have that length: dtoa mode 0 (repr).
void shortest_digits(double ax, Digits& g) {
  // Fast path for the most common printed values: at most five decimals
  // and at most 15 significant digits (longer ones go to the double-double
  // path below, where this loop would only cost time). For such a value there is a unique 15-digit
  // decimal within half an ulp (15-digit spacing exceeds the double spacing), so if m / 10**k == ax
  // in exact IEEE arithmetic (m < 2**53 and 10**k exact, so the division is correctly rounded
  // exactly like strtod of "m e-k"), the first k that works gives the shortest repr. ax * 10**k is
  // within 0.25 of that m, so rounding it finds m.
  if (ax >= 1e-5 && ax < 1e15) {
    for (int k = 0; k <= 5; ++k) {
      double p = ax * kPow10[k];
      if (p >= 1e15) break;
      uint64_t m = static_cast<uint64_t>(p + 0.5);
      if (m != 0 && static_cast<double>(m) / kPow10[k] == ax) {
        g.len = put_uint(m, g.d);
        g.decpt = g.len - k;
        strip_trailing_zeros(g);
        return;
      }
    }
  }
  uint64_t bits;
  std::memcpy(&bits, &ax, sizeof bits);
  bool subnormal = (bits >> 52) == 0;
  if (!subnormal && shortest_digits_dd(bits, g)) return;
  char buf[40];
  // Normal doubles: any decimal with <= 15 significant digits is the unique
  // nearest 15-digit decimal, so shorter candidates need not be tried.
  // Subnormals have fewer significant bits, so their repr may be shorter.
  for (int n = subnormal ? 1 : 15; n <= 17; ++n) {
    std::snprintf(buf, sizeof buf, "%.*e", n - 1, ax);
    if (std::strtod(buf, nullptr) == ax) {
      digits_from_e(buf, g);
      strip_trailing_zeros(g);
      return;
    }
    // At a power of two the gap below is half the gap above, so the nearest
    // n-digit decimal can miss (below) while the next one up still rounds to
    // ax. That one is then the shortest.
    if (n == 16 && (bits & ((uint64_t{1} << 52) - 1)) == 0) {
      digits_from_e(buf, g);
      int i = g.len - 1;
      while (i >= 0 && g.d[i] == '9') g.d[i--] = '0';
      if (i >= 0) {
        ++g.d[i];
      } else {
        std::memmove(g.d + 1, g.d, static_cast<size_t>(g.len));
        g.d[0] = '1';
        ++g.decpt;
      }
      char alt[48];
      std::snprintf(alt, sizeof alt, "0.%.*se%d", g.len, g.d, g.decpt);
      if (std::strtod(alt, nullptr) == ax) {
        strip_trailing_zeros(g);
        return;
      }
    }
  }
}

// ---------------------------------------------------------------- float layout

// Upper bound on layout_float's output length (sign, zero padding on both
// sides, point, exponent).
size_t layout_bound(const Digits& g, int64_t precision) {
  return static_cast<size_t>(g.len + std::abs(g.decpt) + std::max<int64_t>(precision, 0) + 16);
}

char* put_zeros(char* p, int64_t n) {
  if (n > 0) {
    std::memset(p, '0', static_cast<size_t>(n));
    p += n;
  }
  return p;
}

// CPython's format_float_short: lays out sign + digits for code 'e', 'f',
// 'g' or 'r' (repr) at p (room for layout_bound chars), returns the end.
// `precision` is as CPython passes it after PyOS_double_to_string's
// adjustments ('e' already incremented). Writes into a raw buffer because
// std::string's per-append overhead dominated repr() in the wasm build.
char* layout_float(char* p, bool neg, const Digits& g, char code, int64_t precision, bool add_dot_0,
                   bool alt, bool upper) {
  int64_t decpt = g.decpt;
  const int64_t digits_len = g.len;
  int64_t vend = digits_len;
  bool use_exp = false;
  switch (code) {
    case 'e':
      use_exp = true;
      vend = precision;
      break;
    case 'f':
      vend = decpt + precision;
      break;
    case 'g':
      if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
      if (alt) vend = precision;
      break;
    default:  // 'r': exponent form from 1e16 on, as repr does
      if (decpt <= -4 || decpt > 16) use_exp = true;
      break;
  }
  int64_t exp = 0;
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const int64_t vstart = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && add_dot_0) {
    vend = std::max(vend, decpt + 1);
  } else {
    vend = std::max(vend, decpt);
  }
  if (neg) *p++ = '-';
  if (decpt <= 0) {
    p = put_zeros(p, decpt - vstart);
    *p++ = '.';
    p = put_zeros(p, -decpt);
  }
  if (0 < decpt && decpt <= digits_len) {
    std::memcpy(p, g.d, static_cast<size_t>(decpt));
    p += decpt;
    *p++ = '.';
    std::memcpy(p, g.d + decpt, static_cast<size_t>(digits_len - decpt));
    p += digits_len - decpt;
  } else {
    std::memcpy(p, g.d, static_cast<size_t>(digits_len));
    p += digits_len;
  }
  if (digits_len < decpt) {
    p = put_zeros(p, decpt - digits_len);
    *p++ = '.';
    p = put_zeros(p, vend - decpt);
  } else {
    p = put_zeros(p, vend - digits_len);
  }
  if (p[-1] == '.' && !alt) --p;
  if (use_exp) {
    *p++ = upper ? 'E' : 'e';
    *p++ = exp < 0 ? '-' : '+';
    uint64_t a = static_cast<uint64_t>(exp < 0 ? -exp : exp);
    if (a < 10) *p++ = '0';
    p += put_uint(a, p);
  }
  return p;
}

// PyOS_double_to_string(v, code, precision, flags): code is one of e E f F g
// G r; the result starts with '-' for negative values (never for nan).
void double_to_string(std::string& out, double v, char code, int64_t precision, bool alt,
                      bool add_dot_0, bool no_neg_zero) {
  bool upper = code == 'E' || code == 'F' || code == 'G';
  char lc = upper ? static_cast<char>(code - 'A' + 'a') : code;
  if (std::isnan(v)) {
    out += upper ? "NAN" : "nan";
    return;
  }
  bool neg = std::signbit(v);
  if (std::isinf(v)) {
    if (neg) out += '-';
    out += upper ? "INF" : "inf";
    return;
  }
  double ax = std::fabs(v);
  Digits g;
  switch (lc) {
    case 'e':
      ++precision;
      sig_digits(ax, precision, g);
      break;
    case 'f':
      frac_digits(ax, precision, g);
      break;
    case 'g':
      if (precision == 0) precision = 1;
      sig_digits(ax, precision, g);
      break;
    default:
      if (ax == 0) {
        g.d[0] = '0';
        g.len = 1;
        g.decpt = 1;
      } else {
        shortest_digits(ax, g);
      }
      break;
  }
  if (no_neg_zero && neg && g.len == 1 && g.d[0] == '0') neg = false;
  size_t old = out.size();
  out.resize(old + layout_bound(g, precision));
  char* end = layout_float(out.data() + old, neg, g, lc, precision, add_dot_0, alt, upper);
  out.resize(static_cast<size_t>(end - out.data()));
}

// ---------------------------------------------------------------- spec layout

// Inserts thousands separators into `digits` (every `group` digits from the
// right; group 0 = none), zero-extending to at least `min_width` characters
// including separators: _PyUnicode_InsertThousandsGrouping, whose zero
// extension implements '0' padding of grouped numbers ('00,001,234').
void group_digits(std::string& out, std::string_view digits, int64_t min_width, char sep,
                  int group) {
  std::string rev;  // built right to left
  int64_t remaining = static_cast<int64_t>(digits.size());
  size_t pos = digits.size();
  bool use_sep = false;
  bool broken = false;
  auto emit = [&](int64_t l) {
    int64_t n_zeros = std::max<int64_t>(0, l - remaining);
    int64_t n_chars = std::max<int64_t>(0, std::min(remaining, l));
    if (use_sep) rev += sep;
    for (int64_t i = 0; i < n_chars; ++i) rev += digits[--pos];
    rev.append(static_cast<size_t>(n_zeros), '0');
    remaining -= n_chars;
    return l;
  };
  if (group > 0) {
    for (;;) {
      int64_t l = std::min<int64_t>(group, std::max({remaining, min_width, int64_t{1}}));
      emit(l);
      use_sep = true;
      min_width -= l;
      if (remaining <= 0 && min_width <= 0) {
        broken = true;
        break;
      }
      min_width -= 1;  // the separator
    }
  }
  if (!broken) emit(std::max({remaining, min_width, int64_t{1}}));
  out.append(rev.rbegin(), rev.rend());
}

// calc_number_widths + fill_number: <lpad><sign><prefix><spad><digits><tail><rpad>.
// `tail` is the decimal point and remainder (fraction, exponent, '%', or the
// character of 'c'), `tail_cps` its length in code points. Digits are
// grouped (and zero-extended when padding with '0' and '=') unless empty.
std::string layout_number(const FormatSpec& spec, char sign_char, std::string_view prefix,
                          std::string_view digits, std::string_view tail, int64_t tail_cps,
                          int group) {
  char32_t fill = spec.zero_pad ? U'0' : spec.fill;
  char align = spec.align ? spec.align : (spec.zero_pad ? '=' : '>');
  char sign = 0;
  if (spec.sign == '+') {
    sign = sign_char == '-' ? '-' : '+';
  } else if (spec.sign == ' ') {
    sign = sign_char == '-' ? '-' : ' ';
  } else if (sign_char == '-') {
    sign = '-';
  }
  int64_t non_digit = (sign ? 1 : 0) + static_cast<int64_t>(prefix.size()) + tail_cps;
  int64_t min_width = (fill == U'0' && align == '=') ? spec.width - non_digit : 0;
  std::string grouped;
  if (!digits.empty()) {
    char sep = spec.grouping ? spec.grouping : ',';
    group_digits(grouped, digits, min_width, sep, spec.grouping ? group : 0);
  }
  int64_t padding = spec.width - (non_digit + static_cast<int64_t>(grouped.size()));
  int64_t lpad = 0, spad = 0, rpad = 0;
  if (padding > 0) {
    switch (align) {
      case '<':
        rpad = padding;
        break;
      case '^':
        lpad = padding / 2;
        rpad = padding - lpad;
        break;
      case '=':
        spad = padding;
        break;
      default:
        lpad = padding;
        break;
    }
  }
  std::string out;
  append_fill(out, fill, lpad);
  if (sign) out += sign;
  out += prefix;
  append_fill(out, fill, spad);
  out += grouped;
  out += tail;
  append_fill(out, fill, rpad);
  return out;
}

bool too_big(const FormatSpec& spec) { return spec.width > kMaxOutput; }

Error memory_error() { return Error{ErrorKind::MemoryError, ""}; }

// The type code as CPython prints it in messages: the character itself if
// printable ASCII, else '\xNN'.
std::string code_repr(char32_t c) {
  if (c > 32 && c < 128) return std::string(1, static_cast<char>(c));
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x%x", static_cast<unsigned>(c));
  return buf;
}

Error unknown_code(char32_t type, std::string_view type_name) {
  return value_error("Unknown format code '" + code_repr(type) + "' for object of type '" +
                     std::string(type_name) + "'");
}

// The parse-time check of ',' / '_' against the (effective) type.
std::optional<Error> check_grouping(char grouping, char32_t type) {
  if (!grouping) return std::nullopt;
  switch (type) {
    case 'd':
    case 'e':
    case 'f':
    case 'g':
    case 'E':
    case 'G':
    case '%':
    case 'F':
    case 0:
      return std::nullopt;
    case 'b':
    case 'o':
    case 'x':
    case 'X':
      if (grouping == '_') return std::nullopt;
      break;
    default:
      break;
  }
  return value_error(std::string("Cannot specify '") + grouping + "' with '" + code_repr(type) +
                     "'.");
}

bool int_type_ok(char32_t t) {
  return t == 0 || (t < 128 && std::strchr("bcdoxXneEfFgG%", static_cast<int>(t)) != nullptr);
}
bool float_type_ok(char32_t t) {
  return t == 0 || (t < 128 && std::strchr("eEfFgGn%", static_cast<int>(t)) != nullptr);
}
bool is_float_type(char t) { return t && std::strchr("eEfFgG%", t) != nullptr; }

// Checks shared by both format_int overloads before any digits are made.
std::optional<Error> int_spec_checks(const FormatSpec& spec) {
  if (!int_type_ok(static_cast<unsigned char>(spec.type))) return unknown_code(spec.type, "int");
  if (auto e = check_grouping(spec.grouping, spec.type ? spec.type : 'd')) return e;
  if (too_big(spec)) return memory_error();
  if (spec.precision != -1) return value_error("Precision not allowed in integer format specifier");
  if (spec.no_neg_zero) {
    return value_error("Negative zero coercion (z) not allowed in integer format specifier");
  }
  if (spec.type == 'c') {
    if (spec.sign) return value_error("Sign not allowed with integer format specifier 'c'");
    if (spec.alternate) {
      return value_error("Alternate form (#) not allowed with integer format specifier 'c'");
    }
  }
  return std::nullopt;
}

int base_of(char type) {
  switch (type) {
    case 'b':
      return 2;
    case 'o':
      return 8;
    case 'x':
    case 'X':
      return 16;
    default:
      return 10;
  }
}

// Lays out the magnitude digits of an int (already in the right base/case).
std::string layout_int_digits(const FormatSpec& spec, bool negative, std::string_view digits) {
  char type = spec.type;
  int base = base_of(type);
  std::string_view prefix;
  if (spec.alternate) {
    prefix = base == 2 ? "0b" : base == 8 ? "0o" : base == 16 ? (type == 'X' ? "0X" : "0x") : "";
  }
  return layout_number(spec, negative ? '-' : 0, prefix, digits, "", 0, base == 10 ? 3 : 4);
}

Result<std::string> format_char(int64_t cp, const FormatSpec& spec) {
  if (cp < 0 || cp > 0x10FFFF) {
    return Error{ErrorKind::OverflowError, "%c arg not in range(0x110000)"};
  }
  std::string ch;
  append_utf8(ch, static_cast<char32_t>(cp));
  return layout_number(spec, 0, "", "", ch, 1, 3);
}

const char kDigitChars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

// Digits of m in base (2, 8, 10, 16), lowercase unless upper.
int put_uint_base(uint64_t m, int base, bool upper, char* out) {
  char tmp[72];
  int n = 0;
  do {
    char c = kDigitChars[m % static_cast<unsigned>(base)];
    if (upper && c >= 'a') c = static_cast<char>(c - 'a' + 'A');
    tmp[n++] = c;
    m /= static_cast<unsigned>(base);
  } while (m);
  for (int i = 0; i < n; ++i) out[i] = tmp[n - 1 - i];
  return n;
}

// unicode_format_arg_output for numeric conversions: `str` is the converted
// number (with '-' and, for %#x/%#o, the '0x'/'0o' prefix).
std::string percent_output(const std::string& str, std::string_view flags, int64_t width, char ch) {
  bool ljust = flags.find('-') != std::string_view::npos;
  bool plus = flags.find('+') != std::string_view::npos;
  bool blank = flags.find(' ') != std::string_view::npos;
  bool zero = flags.find('0') != std::string_view::npos;
  bool alt = flags.find('#') != std::string_view::npos;
  char fill = zero ? '0' : ' ';
  int64_t len = static_cast<int64_t>(str.size());
  size_t pindex = 0;
  char signchar = 0;
  bool has_sign = true;
  if (str[0] == '-' || str[0] == '+') {
    signchar = str[0];
    --len;
    ++pindex;
  } else if (plus) {
    signchar = '+';
  } else if (blank) {
    signchar = ' ';
  } else {
    has_sign = false;
  }
  if (width < len) width = len;
  if (width > kMaxOutput) width = kMaxOutput;
  std::string out;
  if (has_sign) {
    if (fill != ' ') out += signchar;
    if (width > len) --width;
  }
  bool prefix = alt && (ch == 'x' || ch == 'X' || ch == 'o');
  if (prefix) {
    if (fill != ' ') {
      out += '0';
      out += ch;
      pindex += 2;
    }
    width -= 2;
    if (width < 0) width = 0;
    len -= 2;
  }
  if (width > len && !ljust) {
    out.append(static_cast<size_t>(width - len), fill);
    width = len;
  }
  if (fill == ' ') {
    if (has_sign) out += signchar;
    if (prefix) {
      out += '0';
      out += ch;
      pindex += 2;
    }
  }
  out.append(str, pindex, static_cast<size_t>(len));
  if (width > len) out.append(static_cast<size_t>(width - len), ' ');
  return out;
}

// _PyUnicode_FormatLong for %d %o %x %X: sign, '0o'/'0x' prefix when alt,
// then the digits zero-extended to `precision`.
std::string percent_int_text(bool negative, std::string_view digits, bool alt, int64_t precision,
                             char conv) {
  std::string s;
  if (negative) s += '-';
  if (alt && (conv == 'o' || conv == 'x' || conv == 'X')) {
    s += '0';
    s += conv;
  }
  if (precision > static_cast<int64_t>(digits.size())) {
    s.append(static_cast<size_t>(std::min(precision, kMaxOutput)) - digits.size(), '0');
  }
  s += digits;
  return s;
}

}  // namespace

// ================================================================ public API

size_t utf8_length(std::string_view utf8) {
  size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string float_repr(double d) {
  if (!std::isfinite(d)) return std::isnan(d) ? "nan" : d < 0 ? "-inf" : "inf";
  Digits g;
  double ax = std::fabs(d);
  if (ax == 0) {
    g.d[0] = '0';
    g.len = 1;
    g.decpt = 1;
  } else {
    shortest_digits(ax, g);
  }
  // At most 17 digits, and repr switches to exponent form outside
  // 1e-4 <= |d| < 1e16, so 32 chars always suffice.
  char buf[32];
  char* end = layout_float(buf, std::signbit(d), g, 'r', 0, true, false, false);
  return std::string(buf, static_cast<size_t>(end - buf));
}

std::string float_hex(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  std::string out = (bits >> 63) ? "-" : "";
  int64_t biased = static_cast<int64_t>((bits >> 52) & 0x7FF);
  uint64_t mant = bits & ((uint64_t{1} << 52) - 1);
  if (biased == 0 && mant == 0) return out + "0x0.0p+0";
  // Subnormals print with leading digit 0 and the minimum exponent, as
  // CPython's float.hex does.
  out += biased == 0 ? "0x0." : "0x1.";
  for (int shift = 48; shift >= 0; shift -= 4) out += kDigitChars[(mant >> shift) & 0xF];
  int64_t exp = biased == 0 ? -1022 : biased - 1023;
  char buf[16];
  std::snprintf(buf, sizeof buf, "p%+d", static_cast<int>(exp));
  return out + buf;
}

std::optional<double> parse_float(std::string_view text) {
  std::string buf;
  std::string_view s;
  if (!to_ascii_number_text(text, buf, &s)) return std::nullopt;
  size_t b = 0, e = s.size();
  while (b < e && ascii_space(s[b])) ++b;
  while (e > b && ascii_space(s[e - 1])) --e;
  if (b == e) return std::nullopt;
  s = s.substr(b, e - b);
  // Underscores: only between two digits (anywhere, exponent included).
  std::string clean;
  clean.reserve(s.size() + 1);
  char prev = 0;
  for (char c : s) {
    bool prev_digit = prev >= '0' && prev <= '9';
    if (c == '_') {
      if (!prev_digit) return std::nullopt;
    } else {
      if (prev == '_' && !(c >= '0' && c <= '9')) return std::nullopt;
      clean += c;
    }
    prev = c;
  }
  if (prev == '_') return std::nullopt;
  size_t i = 0, n = clean.size();
  bool neg = false;
  if (i < n && (clean[i] == '+' || clean[i] == '-')) neg = clean[i++] == '-';
  // inf / infinity / nan in any case.
  auto rest_is = [&](std::string_view word) {
    if (n - i != word.size()) return false;
    for (size_t k = 0; k < word.size(); ++k) {
      char c = clean[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != word[k]) return false;
    }
    return true;
  };
  if (rest_is("inf") || rest_is("infinity")) {
    return neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (rest_is("nan")) {
    return std::copysign(std::numeric_limits<double>::quiet_NaN(), neg ? -1.0 : 1.0);
  }
  // [digits][.digits] with at least one digit, then [e[sign]digits].
  size_t ndig = 0;
  while (i < n && clean[i] >= '0' && clean[i] <= '9') ++i, ++ndig;
  if (i < n && clean[i] == '.') {
    ++i;
    while (i < n && clean[i] >= '0' && clean[i] <= '9') ++i, ++ndig;
  }
  if (ndig == 0) return std::nullopt;
  if (i < n && (clean[i] == 'e' || clean[i] == 'E')) {
    ++i;
    if (i < n && (clean[i] == '+' || clean[i] == '-')) ++i;
    size_t edig = 0;
    while (i < n && clean[i] >= '0' && clean[i] <= '9') ++i, ++edig;
    if (edig == 0) return std::nullopt;
  }
  if (i != n) return std::nullopt;
  // The syntax checked above is a subset of strtod's, so strtod consumes it
  // all; it is correctly rounded and yields inf / 0.0 on overflow/underflow.
  return std::strtod(clean.c_str(), nullptr);
}

std::optional<BigInt> parse_int(std::string_view text, int base) {
  if (base != 0 && (base < 2 || base > 36)) return std::nullopt;
  std::string buf;
  std::string_view s;
  if (!to_ascii_number_text(text, buf, &s)) return std::nullopt;
  size_t i = 0, n = s.size();
  auto at = [&](size_t k) { return k < n ? s[k] : '\0'; };
  while (i < n && ascii_space(s[i])) ++i;
  bool neg = false;
  if (at(i) == '+' || at(i) == '-') neg = s[i++] == '-';
  bool error_if_nonzero = false;
  auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
  if (base == 0) {
    char c1 = lower(at(i + 1));
    if (at(i) != '0') {
      base = 10;
    } else if (c1 == 'x') {
      base = 16;
    } else if (c1 == 'o') {
      base = 8;
    } else if (c1 == 'b') {
      base = 2;
    } else {
      // A C-style octal literal ("010") is invalid, but zero ("00") is not.
      error_if_nonzero = true;
      base = 10;
    }
  }
  if (at(i) == '0') {
    char c1 = lower(at(i + 1));
    if ((base == 16 && c1 == 'x') || (base == 8 && c1 == 'o') || (base == 2 && c1 == 'b')) {
      i += 2;
      if (at(i) == '_') ++i;  // one underscore allowed after the prefix
    }
  }
  if (at(i) == '_') return std::nullopt;
  auto digit_value = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
  };
  size_t start = i;
  size_t ndigits = 0;
  bool nonzero = false;
  bool overflow = false;
  uint64_t mag = 0;
  const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  char prev = 0;
  while (i < n && (s[i] == '_' || digit_value(s[i]) < base)) {
    if (s[i] == '_') {
      if (prev == '_') return std::nullopt;
    } else {
      unsigned d = static_cast<unsigned>(digit_value(s[i]));
      ++ndigits;
      nonzero |= d != 0;
      if (!overflow) {
        if (mag > (limit - d) / static_cast<unsigned>(base)) {
          overflow = true;
        } else {
          mag = mag * static_cast<unsigned>(base) + d;
        }
      }
    }
    prev = s[i++];
  }
  if (prev == '_' || ndigits == 0) return std::nullopt;
  if (error_if_nonzero && nonzero) return std::nullopt;
  size_t end = i;
  while (i < n && ascii_space(s[i])) ++i;
  if (i != n) return std::nullopt;
  if (!overflow) {
    int64_t v = static_cast<int64_t>(mag);
    return BigInt(neg ? -v : v);
  }
  std::string digits;
  if (neg) digits += '-';
  digits.append(s.substr(start, end - start));
  Result<BigInt> r = BigInt::parse(digits, base);
  if (!r) return std::nullopt;
  return std::move(r.value());
}

Result<FormatSpec> parse_format_spec(std::string_view spec, std::string_view type_name) {
  FormatSpec f;
  const size_t end = spec.size();
  size_t pos = 0;
  bool fill_specified = false;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
  if (end > 0) {
    size_t n;
    char32_t first = decode_utf8(spec, 0, &n);
    if (n < end && is_align(spec[n])) {
      f.fill = first;
      f.align = spec[n];
      fill_specified = true;
      pos = n + 1;
    } else if (is_align(spec[0])) {
      f.align = spec[0];
      pos = 1;
    }
  }
  if (pos < end && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' ')) {
    f.sign = spec[pos++];
  }
  if (pos < end && spec[pos] == 'z') {
    f.no_neg_zero = true;
    ++pos;
  }
  if (pos < end && spec[pos] == '#') {
    f.alternate = true;
    ++pos;
  }
  // '0' before the width means "fill with '0'" (and '=' alignment for
  // numbers, applied when formatting) unless a fill was given explicitly.
  if (!fill_specified && pos < end && spec[pos] == '0') {
    f.fill = U'0';
    f.zero_pad = true;
    ++pos;
  }
  // get_integer: decimal digits (any Unicode Nd digit), overflow-checked.
  auto get_integer = [&](int64_t* out) -> Result<int> {
    int64_t acc = 0;
    int count = 0;
    while (pos < end) {
      size_t n;
      char32_t cp = decode_utf8(spec, pos, &n);
      int d = unicode_decimal(cp);
      if (d < 0) break;
      if (acc > (std::numeric_limits<int64_t>::max() - d) / 10) {
        return value_error("Too many decimal digits in format string");
      }
      acc = acc * 10 + d;
      pos += n;
      ++count;
    }
    *out = acc;
    return count;
  };
  int64_t width = 0;
  Result<int> consumed = get_integer(&width);
  if (!consumed) return consumed.error();
  f.width = *consumed ? width : -1;
  if (pos < end && spec[pos] == ',') {
    f.grouping = ',';
    ++pos;
  }
  if (pos < end && spec[pos] == '_') {
    if (f.grouping) return value_error("Cannot specify both ',' and '_'.");
    f.grouping = '_';
    ++pos;
  }
  if (pos < end && spec[pos] == ',' && f.grouping == '_') {
    return value_error("Cannot specify both ',' and '_'.");
  }
  if (pos < end && spec[pos] == '.') {
    ++pos;
    int64_t prec = 0;
    Result<int> pc = get_integer(&prec);
    if (!pc) return pc.error();
    if (*pc == 0) return value_error("Format specifier missing precision");
    f.precision = prec;
  }
  char32_t type = 0;
  if (pos < end) {
    size_t n;
    type = decode_utf8(spec, pos, &n);
    if (pos + n < end) {
      return value_error("Invalid format specifier '" + std::string(spec) +
                         "' for object of type '" + std::string(type_name) + "'");
    }
  }
  bool is_str = type_name == "str";
  bool is_int = type_name == "int" || type_name == "bool";
  bool is_float = type_name == "float";
  char32_t effective = type ? type : is_str ? U's' : is_int ? U'd' : 0;
  if (auto e = check_grouping(f.grouping, effective)) return *e;
  // Validate the type here, where the real type name is known (format(True,
  // 'y') names 'bool'); a non-ASCII type is unknown to every builtin type.
  bool ok = type < 128;
  if (is_str) ok = type == 0 || type == 's';
  if (is_int) ok = int_type_ok(type);
  if (is_float) ok = float_type_ok(type);
  if (!ok) return unknown_code(type, type_name);
  f.type = static_cast<char>(type);
  return f;
}

Result<std::string> format_float(double value, const FormatSpec& spec) {
  if (!float_type_ok(static_cast<unsigned char>(spec.type))) {
    return unknown_code(static_cast<unsigned char>(spec.type), "float");
  }
  if (auto e = check_grouping(spec.grouping, static_cast<unsigned char>(spec.type))) return *e;
  if (spec.precision > std::numeric_limits<int>::max()) return value_error("precision too big");
  if (too_big(spec) || spec.precision > kMaxOutput) return memory_error();
  char code = spec.type;
  bool add_dot_0 = false;
  int64_t default_precision = 6;
  if (code == 0) {
    // No type: repr, or 'g' keeping at least one fractional digit when a
    // precision is given.
    add_dot_0 = true;
    code = 'r';
    default_precision = 0;
  }
  if (code == 'n') code = 'g';
  bool add_pct = false;
  if (code == '%') {
    code = 'f';
    value *= 100;
    add_pct = true;
  }
  int64_t precision = spec.precision;
  if (precision < 0) {
    precision = default_precision;
  } else if (code == 'r') {
    code = 'g';
  }
  std::string buf;
  double_to_string(buf, value, code, precision, spec.alternate, add_dot_0, spec.no_neg_zero);
  if (add_pct) buf += '%';
  if (spec.width < 0 && spec.sign != '+' && spec.sign != ' ' && !spec.grouping) return buf;
  std::string_view body = buf;
  char sign_char = 0;
  if (body[0] == '-') {
    sign_char = '-';
    body.remove_prefix(1);
  }
  size_t ndig = 0;
  while (ndig < body.size() && body[ndig] >= '0' && body[ndig] <= '9') ++ndig;
  std::string_view tail = body.substr(ndig);
  return layout_number(spec, sign_char, "", body.substr(0, ndig), tail,
                       static_cast<int64_t>(tail.size()), 3);
}

Result<std::string> format_int(int64_t value, const FormatSpec& spec) {
  if (is_float_type(spec.type)) {
    if (!int_type_ok(static_cast<unsigned char>(spec.type))) return unknown_code(spec.type, "int");
    return format_float(static_cast<double>(value), spec);
  }
  if (auto e = int_spec_checks(spec)) return *e;
  if (spec.type == 'c') return format_char(value, spec);
  bool negative = value < 0;
  uint64_t mag =
      negative ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  char digits[72];
  int n = put_uint_base(mag, base_of(spec.type), spec.type == 'X', digits);
  if (spec.width < 0 && !spec.sign && !spec.grouping && !spec.alternate) {
    return std::string(negative ? "-" : "") + std::string(digits, static_cast<size_t>(n));
  }
  return layout_int_digits(spec, negative, std::string_view(digits, static_cast<size_t>(n)));
}

Result<std::string> format_int(const BigInt& value, const FormatSpec& spec) {
  if (value.fits_int64()) return format_int(value.to_int64(), spec);
  if (is_float_type(spec.type)) {
    Result<double> d = value.to_double();
    if (!d) return d.error();
    return format_float(*d, spec);
  }
  if (auto e = int_spec_checks(spec)) return *e;
  if (spec.type == 'c') {
    return Error{ErrorKind::OverflowError, "Python int too large to convert to C long"};
  }
  int base = base_of(spec.type);
  // CPython refuses decimal conversions of more than 4300 digits (the
  // default sys.int_max_str_digits); the estimate avoids a quadratic
  // conversion of a huge number just to refuse it.
  constexpr size_t kMaxStrDigits = 4300;
  const char* kLimitMsg =
      "Exceeds the limit (4300 digits) for integer string conversion; use "
      "sys.set_int_max_str_digits() to increase the limit";
  if (base == 10 && value.decimal_digits_estimate() > kMaxStrDigits + 1) {
    return value_error(kLimitMsg);
  }
  std::string text = value.to_string(base);
  std::string_view digits = text;
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.remove_prefix(1);
  if (base == 10 && digits.size() > kMaxStrDigits) return value_error(kLimitMsg);
  if (spec.type == 'X') {
    for (char& c : text) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return layout_int_digits(spec, negative, digits);
}

Result<std::string> format_str(std::string_view utf8, const FormatSpec& spec) {
  if (spec.type != 0 && spec.type != 's') {
    return unknown_code(static_cast<unsigned char>(spec.type), "str");
  }
  if (auto e = check_grouping(spec.grouping, 's')) return *e;
  if (spec.sign == ' ') return value_error("Space not allowed in string format specifier");
  if (spec.sign) return value_error("Sign not allowed in string format specifier");
  if (spec.no_neg_zero) {
    return value_error("Negative zero coercion (z) not allowed in string format specifier");
  }
  if (spec.alternate) {
    return value_error("Alternate form (#) not allowed in string format specifier");
  }
  if (spec.align == '=') return value_error("'=' alignment not allowed in string format specifier");
  if (too_big(spec)) return memory_error();
  if (spec.precision >= 0) {
    // Truncate to `precision` code points.
    size_t cps = 0, i = 0;
    while (i < utf8.size() && cps < static_cast<uint64_t>(spec.precision)) {
      size_t n;
      decode_utf8(utf8, i, &n);
      i += n;
      ++cps;
    }
    utf8 = utf8.substr(0, i);
  }
  return pad_to_width(utf8, spec, '<');
}

std::string pad_to_width(std::string_view text, const FormatSpec& spec, char default_align) {
  int64_t len = static_cast<int64_t>(utf8_length(text));
  int64_t width = std::min(spec.width, kMaxOutput);
  if (width <= len) return std::string(text);
  char align = spec.align ? spec.align : default_align;
  int64_t total = width - len;
  int64_t lpad = align == '>' ? total : align == '^' ? total / 2 : 0;
  std::string out;
  append_fill(out, spec.fill, lpad);
  out += text;
  append_fill(out, spec.fill, total - lpad);
  return out;
}

Result<double> round_float(double x, int64_t ndigits) {
  if (!std::isfinite(x)) return x;
  // Beyond these bounds the result is x itself or a signed zero (CPython's
  // NDIGITS_MAX / NDIGITS_MIN).
  if (ndigits > 323) return x;
  if (ndigits < -308) return 0.0 * x;
  if (ndigits >= 0) {
    if (x == std::trunc(x)) return x;
    // "%.*f" rounds the exact binary value half-to-even, like dtoa mode 3.
    char buf[kMaxFracDigits + 340];
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(ndigits), x);
    return std::strtod(buf, nullptr);
  }
  // Negative ndigits: round the exact integer part at 10**k, using whether
  // a fraction exists to break apparent ties.
  int64_t k = -ndigits;
  double xi = std::trunc(x);
  bool frac = xi != x;
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.0f", std::fabs(xi));
  std::string digits = buf;
  int64_t len = static_cast<int64_t>(digits.size());
  if (digits == "0") len = 0;
  std::string kept = len > k ? digits.substr(0, static_cast<size_t>(len - k)) : "";
  // Compare the discarded part with half a unit: 5000... (k digits).
  std::string dropped = len > k ? digits.substr(static_cast<size_t>(len - k))
                                : std::string(static_cast<size_t>(k - len), '0') +
                                      digits.substr(0, static_cast<size_t>(len));
  int cmp = 0;  // dropped (plus fraction) vs half
  if (dropped[0] != '5') {
    cmp = dropped[0] > '5' ? 1 : -1;
  } else {
    bool rest = frac || dropped.find_first_not_of('0', 1) != std::string::npos;
    cmp = rest ? 1 : 0;
  }
  bool odd = !kept.empty() && ((kept.back() - '0') & 1);
  if (cmp > 0 || (cmp == 0 && odd)) {
    // Increment the kept decimal string.
    int64_t i = static_cast<int64_t>(kept.size()) - 1;
    while (i >= 0 && kept[static_cast<size_t>(i)] == '9') kept[static_cast<size_t>(i--)] = '0';
    if (i >= 0) {
      ++kept[static_cast<size_t>(i)];
    } else {
      kept.insert(kept.begin(), '1');
    }
  }
  if (kept.empty()) kept = "0";
  std::string text = (std::signbit(x) ? "-" : "") + kept + "e" + std::to_string(k);
  double r = std::strtod(text.c_str(), nullptr);
  if (std::isinf(r)) return Error{ErrorKind::OverflowError, "rounded value too large to represent"};
  return r;
}

std::string percent_format_int(const BigInt& value, std::string_view flags, int64_t width,
                               int64_t precision, char conv) {
  if (conv == 'e' || conv == 'E' || conv == 'f' || conv == 'F' || conv == 'g' || conv == 'G') {
    // The caller converts ints to float first (it can raise OverflowError);
    // an out-of-range value here formats as an infinity.
    Result<double> d = value.to_double();
    double v = d ? *d : (value.is_negative() ? -HUGE_VAL : HUGE_VAL);
    return percent_format_float(v, flags, width, precision, conv);
  }
  bool alt = flags.find('#') != std::string_view::npos;
  std::string text;
  std::string_view digits;
  char small[72];
  bool negative;
  int base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X') ? 16 : 10;
  if (value.fits_int64()) {
    int64_t v = value.to_int64();
    negative = v < 0;
    uint64_t mag = negative ? uint64_t{0} - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    digits =
        std::string_view(small, static_cast<size_t>(put_uint_base(mag, base, conv == 'X', small)));
  } else {
    text = value.to_string(base);
    negative = text[0] == '-';
    if (conv == 'X') {
      for (char& c : text) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
    }
    digits = text;
    if (negative) digits.remove_prefix(1);
  }
  char c = (conv == 'i' || conv == 'u') ? 'd' : conv;
  return percent_output(percent_int_text(negative, digits, alt, precision, c), flags, width, c);
}

std::string percent_format_float(double value, std::string_view flags, int64_t width,
                                 int64_t precision, char conv) {
  bool alt = flags.find('#') != std::string_view::npos;
  if (precision < 0) precision = 6;
  precision = std::min(precision, kMaxOutput);
  std::string s;
  double_to_string(s, value, conv, precision, alt, false, false);
  return percent_output(s, flags, width, conv);
}

}  // namespace monty
