// Number <-> text conversions with CPython's exact behaviour: float repr,
// float()/int() parsing of strings, the format-spec mini-language used by
// format(), str.format and f-strings, and round().
//
// Pure functions over C++ values; the runtime wraps them for Python objects.
// Text is UTF-8 throughout; widths and precisions count code points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "support/bigint.h"
#include "support/status.h"

namespace monty {

// Widths and precisions past this many code points are refused with
// MemoryError instead of attempting a giant allocation (CPython would try
// and fail the same way on a real machine; here it would exhaust the wasm
// heap). Callers that clamp to it must refuse larger values first.
inline constexpr int64_t kMaxFormattedWidth = int64_t{1} << 28;

// repr(float) / str(float): shortest round-trip digits; exponent form when the
// decimal exponent is < -4 or >= 16 ('1e+16', '1e-05', '1.5e-07'); '.0' added
// to integral values ('2.0'); 'inf', '-inf', 'nan'; '-0.0'.
std::string float_repr(double d);

// float.hex(): '0x1.8000000000000p+0', '0x0.0p+0', '-0x0.0000000000001p-1022'
// for subnormals, 'inf', '-inf', 'nan'.
std::string float_hex(double d);

// float(text): surrounding ASCII whitespace allowed, optional sign, digits with
// single underscores between digits, '.', exponent, 'inf'/'infinity'/'nan'
// (any case). Returns nullopt if malformed; the caller builds CPython's
// message "could not convert string to float: <repr>".
std::optional<double> parse_float(std::string_view text);

// int(text, base): base 0 or 2..36; surrounding whitespace, sign, optional
// 0x/0o/0b prefix (required to match base when base is 16/8/2, inferred when
// base is 0, where leading zeros of a non-zero decimal are rejected),
// underscores between digits. Returns nullopt if malformed; the caller builds
// "invalid literal for int() with base 10: <repr>".
std::optional<BigInt> parse_int(std::string_view text, int base);

// The parsed form of a format spec:
//   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
struct FormatSpec {
  char32_t fill = U' ';
  char align = 0;            // 0 (default), '<', '>', '=', '^'
  char sign = 0;             // 0, '+', '-', ' '
  bool no_neg_zero = false;  // 'z'
  bool alternate = false;    // '#'
  bool zero_pad = false;     // '0' before width
  int64_t width = -1;        // -1 if absent
  char grouping = 0;         // 0, ',', '_'
  int64_t precision = -1;    // -1 if absent
  char type = 0;             // 0 if absent
};

// ValueError "Invalid format specifier '<spec>' for object of type '<type_name>'"
// and the other CPython messages for malformed specs.
Result<FormatSpec> parse_format_spec(std::string_view spec, std::string_view type_name);

// format(x, spec) for int (types b c d o x X n e E f F g G % and none; float
// types convert the int to float first), float (e E f F g G n % and none) and
// str (s and none). Errors use CPython's wording, e.g.
//   ValueError "Unknown format code 'd' for object of type 'float'"
//   ValueError "Sign not allowed in string format specifier"
//   ValueError "Precision not allowed in integer format specifier"
//   ValueError "Cannot specify ',' with 's'."
Result<std::string> format_int(const BigInt& value, const FormatSpec& spec);
Result<std::string> format_int(int64_t value, const FormatSpec& spec);
Result<std::string> format_float(double value, const FormatSpec& spec);
Result<std::string> format_str(std::string_view utf8, const FormatSpec& spec);

// Pads `text` (already formatted) to spec.width with spec.fill/align, the
// default alignment being `default_align`. Used for objects whose __format__
// only supports an empty type (e.g. format(None, '>10') is a TypeError in
// CPython, but format(obj, '') is str(obj)).
std::string pad_to_width(std::string_view text, const FormatSpec& spec, char default_align);

// round(x, ndigits) for floats, correctly rounded half-to-even on the exact
// binary value as CPython does (round(2.675, 2) == 2.67). ndigits may be
// negative. Returns OverflowError-kind Error only where CPython does.
Result<double> round_float(double x, int64_t ndigits);

// %-formatting of numbers (the numeric conversions of `'%d' % x` etc.):
// flags is a subset of "-+ #0", width/precision -1 if absent, conv one of
// d i o x X e E f F g G.
std::string percent_format_int(const BigInt& value, std::string_view flags, int64_t width,
                               int64_t precision, char conv);
std::string percent_format_float(double value, std::string_view flags, int64_t width,
                                 int64_t precision, char conv);

// Number of code points in UTF-8 text (text is assumed valid UTF-8).
size_t utf8_length(std::string_view utf8);

}  // namespace monty
