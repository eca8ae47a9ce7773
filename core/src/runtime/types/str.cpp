// The str type: methods, constructor, repr, indexing and the Unicode data
// they rely on.
//
// Text is UTF-8 (StrObj::data) with a code point count and an `ascii` flag.
// Methods work on the bytes wherever UTF-8 allows it (searching, splitting on
// a separator, replacing) and decode code points only where a character's
// properties matter. ASCII strings take byte-at-a-time fast paths.
//
// Unicode properties and case mappings come from unicode_tables.inc, which is
// generated from CPython's own Unicode database (gen_unicode_tables.py), so
// predicates and case conversions match CPython 3.11 for every code point.
// Approximated: the Case_Ignorable property used by the final-sigma rule of
// lower() is derived from general categories plus a list of word-break
// characters rather than from DerivedCoreProperties.txt.
#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/types/registry.h"
#include "runtime/types/text_ops.h"
#include "support/numfmt.h"

namespace monty {

using text::append_utf8;
using text::next_cp;
using text::Piece;

// ---- Unicode database ---------------------------------------------------------

namespace {

enum UProp : uint16_t {
  kAlpha = 1 << 0,
  kDecimal = 1 << 1,
  kDigit = 1 << 2,
  kNumeric = 1 << 3,
  kSpace = 1 << 4,
  kPrintable = 1 << 5,
  kUpper = 1 << 6,
  kLower = 1 << 7,
  kTitle = 1 << 8,
  kIdStart = 1 << 9,
  kIdContinue = 1 << 10,
  kCased = 1 << 11,
  kCaseIgnorable = 1 << 12,
};

struct CaseRange {
  uint32_t start;
  uint16_t count;
  uint8_t stride;
  int32_t delta;
};

struct SpecialCase {
  uint32_t cp;
  char kind;  // 'l' lower, 'u' upper, 't' title, 'f' casefold
  char32_t out[3];
};

#include "runtime/types/unicode_tables.inc"

uint16_t props_slow(char32_t c) {
  // Last run starting at or before c.
  size_t lo = 0, hi = std::size(kPropRuns);
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if ((kPropRuns[mid] >> 8) <= c) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return kPropSets[kPropRuns[lo] & 0xFF];
}

constexpr std::array<uint16_t, 256> make_latin1_props() {
  std::array<uint16_t, 256> t{};
  size_t run = 0;
  for (uint32_t c = 0; c < 256; ++c) {
    while (run + 1 < std::size(kPropRuns) && (kPropRuns[run + 1] >> 8) <= c) ++run;
    t[c] = kPropSets[kPropRuns[run] & 0xFF];
  }
  return t;
}
constexpr std::array<uint16_t, 256> kLatin1Props = make_latin1_props();

inline uint16_t uprops(char32_t c) { return c < 256 ? kLatin1Props[c] : props_slow(c); }

// Maps c by `kind`; writes 1..3 code points to out and returns how many.
int case_map(char32_t c, char kind, char32_t* out) {
  if (c < 0x80) {
    if ((kind == 'l' || kind == 'f') && c >= 'A' && c <= 'Z') c += 32;
    if ((kind == 'u' || kind == 't') && c >= 'a' && c <= 'z') c -= 32;
    out[0] = c;
    return 1;
  }
  // Multi-code-point mappings first (sorted by code point).
  auto it = std::lower_bound(std::begin(kSpecialCase), std::end(kSpecialCase), c,
                             [](const SpecialCase& s, char32_t v) { return s.cp < v; });
  for (; it != std::end(kSpecialCase) && it->cp == c; ++it) {
    if (it->kind == kind) {
      int n = 0;
      while (n < 3 && it->out[n] != 0) {
        out[n] = it->out[n];
        ++n;
      }
      return n;
    }
  }
  std::span<const CaseRange> table;
  switch (kind) {
    case 'l':
      table = kLowerRanges;
      break;
    case 'u':
      table = kUpperRanges;
      break;
    case 't':
      table = kTitleRanges;
      break;
    default:
      table = kFoldRanges;
      break;
  }
  auto r = std::upper_bound(table.begin(), table.end(), c,
                            [](char32_t v, const CaseRange& cr) { return v < cr.start; });
  out[0] = c;
  if (r != table.begin()) {
    --r;
    uint32_t off = c - r->start;
    if (off < static_cast<uint32_t>(r->count) * r->stride && off % r->stride == 0) {
      out[0] = static_cast<char32_t>(static_cast<int64_t>(c) + r->delta);
    }
  }
  return 1;
}

bool is_linebreak(char32_t c) {
  switch (c) {
    case '\n':
    case '\r':
    case 0x0B:
    case 0x0C:
    case 0x1C:
    case 0x1D:
    case 0x1E:
    case 0x85:
    case 0x2028:
    case 0x2029:
      return true;
    default:
      return false;
  }
}

bool is_uspace(char32_t c) { return (uprops(c) & kSpace) != 0; }

// ---- small helpers ------------------------------------------------------------

struct StrRef {
  std::string_view d;
  uint32_t len;
  bool ascii;
};

StrRef sref(VM& vm, Value v) {
  const StrObj* o = vm.as<StrObj>(v);
  return {o->data, o->length, o->ascii};
}

// Byte offset of code point index `cp` (0 <= cp <= len).
size_t cp_to_byte(const StrRef& s, int64_t cp) {
  if (s.ascii) return static_cast<size_t>(cp);
  if (cp >= s.len) return s.d.size();
  size_t i = 0;
  for (int64_t k = 0; k < cp; ++k) {
    ++i;
    while (i < s.d.size() && text::is_cont(static_cast<unsigned char>(s.d[i]))) ++i;
  }
  return i;
}

// Code point index of byte offset b (at a boundary).
int64_t byte_to_cp(const StrRef& s, size_t b) {
  if (s.ascii) return static_cast<int64_t>(b);
  int64_t n = 0;
  for (size_t i = 0; i < b; ++i) n += !text::is_cont(static_cast<unsigned char>(s.d[i]));
  return n;
}

std::string_view short_name(const char* qualname) {
  std::string_view q(qualname);
  size_t dot = q.rfind('.');
  return dot == std::string_view::npos ? q : q.substr(dot + 1);
}

void no_kwargs(VM& vm, const CallArgs& args, const char* qualname) {
  if (args.has_kwargs()) vm.type_error(std::string(qualname) + "() takes no keyword arguments");
}

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

Value self_or_new(VM& vm, Value self, std::string_view whole, size_t b, size_t e) {
  if (b == 0 && e == whole.size()) return self;
  return vm.new_str(std::string(whole.substr(b, e - b)));
}

// Argument that must be a str: "must be str, not int".
const StrObj* str_arg(VM& vm, Value v) {
  if (!vm.is_str(v)) vm.type_error("must be str, not " + vm.type_name(v));
  return vm.as<StrObj>(v);
}

int64_t index_arg(VM& vm, Value v) { return vm.to_index(v); }

}  // namespace

// ---- shared helpers declared in text_ops.h -----------------------------------------

namespace text {

bool is_identifier(std::string_view utf8) {
  if (utf8.empty()) return false;
  size_t i = 0;
  if (!(uprops(next_cp(utf8, i)) & kIdStart)) return false;
  while (i < utf8.size())
    if (!(uprops(next_cp(utf8, i)) & kIdContinue)) return false;
  return true;
}

bool is_decimal_char(char32_t c) { return (uprops(c) & kDecimal) != 0; }
bool is_space_char(char32_t c) { return (uprops(c) & kSpace) != 0; }
bool is_alnum_char(char32_t c) {
  return (uprops(c) & (kAlpha | kDecimal | kDigit | kNumeric)) != 0;
}

// The one-to-one mapping: the ranges only (multi-character results, such as
// the lowercase of U+0130, are in kSpecialCase and do not apply).
static char32_t simple_case(char32_t c, std::span<const CaseRange> table) {
  auto r = std::upper_bound(table.begin(), table.end(), c,
                            [](char32_t v, const CaseRange& cr) { return v < cr.start; });
  if (r == table.begin()) return c;
  --r;
  uint32_t off = c - r->start;
  if (off < static_cast<uint32_t>(r->count) * r->stride && off % r->stride == 0)
    return static_cast<char32_t>(static_cast<int64_t>(c) + r->delta);
  return c;
}
char32_t simple_lower(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  return simple_case(c, kLowerRanges);
}
char32_t simple_upper(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
  return simple_case(c, kUpperRanges);
}

int display_width(char32_t c) {
  if (c < 0x1100) return 1;  // the first wide character is U+1100
  auto it = std::upper_bound(std::begin(kWideRuns), std::end(kWideRuns), c,
                             [](char32_t v, uint32_t run) { return v < (run >> 11); });
  if (it == std::begin(kWideRuns)) return 1;
  uint32_t run = *(it - 1);
  return c - (run >> 11) <= (run & 0x7FF) ? 2 : 1;
}

void expect_no_args(VM& vm, const CallArgs& args, const char* qualname) {
  no_kwargs(vm, args, qualname);
  if (args.size() != 0)
    vm.type_error(std::string(qualname) + "() takes no arguments (" + std::to_string(args.size()) +
                  " given)");
}

void expect_one_arg(VM& vm, const CallArgs& args, const char* qualname) {
  no_kwargs(vm, args, qualname);
  if (args.size() != 1)
    vm.type_error(std::string(qualname) + "() takes exactly one argument (" +
                  std::to_string(args.size()) + " given)");
}

void expect_args_old(VM& vm, const CallArgs& args, const char* qualname, size_t min, size_t max) {
  no_kwargs(vm, args, qualname);
  std::string name(short_name(qualname));
  if (args.size() < min)
    vm.type_error(name + "() takes at least " + plural(min, "argument") + " (" +
                  std::to_string(args.size()) + " given)");
  if (args.size() > max)
    vm.type_error(name + "() takes at most " + plural(max, "argument") + " (" +
                  std::to_string(args.size()) + " given)");
}

void expect_args_new(VM& vm, const CallArgs& args, const char* qualname, size_t min, size_t max) {
  no_kwargs(vm, args, qualname);
  std::string name(short_name(qualname));
  if (args.size() < min)
    vm.type_error(name + " expected at least " + plural(min, "argument") + ", got " +
                  std::to_string(args.size()));
  if (args.size() > max)
    vm.type_error(name + " expected at most " + plural(max, "argument") + ", got " +
                  std::to_string(args.size()));
}

void bind_builtin(VM& vm, const CallArgs& args, const char* fname,
                  std::initializer_list<const char*> names, size_t required, size_t posonly,
                  Value* out) {
  if (args.has_kwargs() && args.size() >= std::min(required, posonly)) {
    for (Value k : args.kw_names) {
      std::string_view kn = vm.str_view(k);
      bool known = false;
      size_t idx = 0;
      for (const char* n : names) {
        if (idx++ >= posonly && kn == n) known = true;
      }
      if (!known)
        vm.type_error("'" + std::string(kn) + "' is an invalid keyword argument for " + fname +
                      "()");
    }
  }
  bind_args(vm, args, fname, names, required, posonly, out);
}

void slice_bounds(VM& vm, const CallArgs& args, size_t first, int64_t length, int64_t* start,
                  int64_t* end) {
  auto get = [&](size_t i, int64_t dflt) -> int64_t {
    if (i >= args.size() || args[i].is_none()) return dflt;
    Value v = args[i];
    if (v.is_int() || v.is_bool()) return v.i;
    if (!vm.is_integer(v) && vm.lookup_special(v, "__index__").is_undef())
      vm.type_error("slice indices must be integers or None or have an __index__ method");
    if (vm.is_bigint(v)) {
      // Clamp huge values like CPython's _PyEval_SliceIndex.
      return vm.as<BigIntObj>(v)->value.is_negative() ? INT64_MIN / 2 : INT64_MAX / 2;
    }
    return vm.to_index(v);
  };
  int64_t s = get(first, 0), e = get(first + 1, length);
  if (e > length) {
    e = length;
  } else if (e < 0) {
    e += length;
    if (e < 0) e = 0;
  }
  if (s < 0) {
    s += length;
    if (s < 0) s = 0;
  }
  *start = s;
  *end = e;
}

std::string ascii_escape(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  static constexpr char kHex[] = "0123456789abcdef";
  size_t i = 0;
  while (i < utf8.size()) {
    char32_t c = next_cp(utf8, i);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    int digits;
    if (c < 0x100) {
      out += "\\x";
      digits = 2;
    } else if (c < 0x10000) {
      out += "\\u";
      digits = 4;
    } else {
      out += "\\U";
      digits = 8;
    }
    for (int k = digits - 1; k >= 0; --k) out.push_back(kHex[(c >> (4 * k)) & 0xF]);
  }
  return out;
}

// ---- codecs ---------------------------------------------------------------------

Codec lookup_codec(VM& vm, std::string_view name) {
  // CPython normalizes: lowercase, spaces and hyphens become underscores.
  std::string n;
  n.reserve(name.size());
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c == '-' || c == ' ') c = '_';
    n.push_back(c);
  }
  if (n == "utf_8" || n == "utf8" || n == "u8" || n == "utf" || n == "cp65001" ||
      n == "utf_8_strict")
    return Codec::Utf8;
  if (n == "ascii" || n == "us_ascii" || n == "646" || n == "us" || n == "ansi_x3.4_1968" ||
      n == "iso646_us" || n == "cp367" || n == "csascii" || n == "ibm367" || n == "iso_ir_6")
    return Codec::Ascii;
  if (n == "latin_1" || n == "latin1" || n == "latin" || n == "l1" || n == "iso_8859_1" ||
      n == "iso8859_1" || n == "8859" || n == "cp819" || n == "iso_ir_100" || n == "ibm819" ||
      n == "csisolatin1" || n == "iso_8859_1:1987")
    return Codec::Latin1;
  vm.raise(BuiltinTypeId::LookupError, "unknown encoding: " + std::string(name));
}

std::string_view codec_arg(VM& vm, Value v, std::string_view fname, const char* argname,
                           std::string_view dflt) {
  if (v.is_undef()) return dflt;
  if (!vm.is_str(v))
    vm.type_error(std::string(fname) + "() argument '" + argname + "' must be str, not " +
                  vm.type_name(v));
  return vm.str_view(v);
}

namespace {

const char* codec_name(Codec c) {
  switch (c) {
    case Codec::Utf8:
      return "utf-8";
    case Codec::Ascii:
      return "ascii";
    default:
      return "latin-1";
  }
}

enum class ErrMode { Strict, Ignore, Replace, BackslashReplace, XmlCharRefReplace };

ErrMode error_mode(VM& vm, std::string_view errors, bool encoding) {
  if (errors == "strict") return ErrMode::Strict;
  if (errors == "ignore") return ErrMode::Ignore;
  if (errors == "replace") return ErrMode::Replace;
  if (errors == "backslashreplace") return ErrMode::BackslashReplace;
  if (encoding && errors == "xmlcharrefreplace") return ErrMode::XmlCharRefReplace;
  if (errors == "surrogateescape" || errors == "surrogatepass" ||
      (!encoding && errors == "xmlcharrefreplace") || errors == "namereplace")
    vm.raise(BuiltinTypeId::NotImplementedError,
             "error handler '" + std::string(errors) + "' is not supported");
  vm.raise(BuiltinTypeId::LookupError, "unknown error handler name '" + std::string(errors) + "'");
}

bool is_surrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

std::string escaped_char(char32_t c) {
  std::string s;
  append_utf8(s, c);
  return ascii_escape(s);
}

std::string hex_byte(unsigned char b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s = "0x";
  s.push_back(kHex[b >> 4]);
  s.push_back(kHex[b & 15]);
  return s;
}

}  // namespace

std::string encode_text(VM& vm, std::string_view utf8, Codec codec, std::string_view errors) {
  // Fast path: ASCII text is the same in all three codecs, and valid UTF-8
  // without surrogates encodes to itself.
  bool ascii = true;
  for (char ch : utf8) {
    if (static_cast<unsigned char>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(utf8);
  char32_t limit = codec == Codec::Ascii ? 0x80 : codec == Codec::Latin1 ? 0x100 : 0x110000;
  std::vector<char32_t> cps;
  for (size_t i = 0; i < utf8.size();) cps.push_back(next_cp(utf8, i));
  auto bad = [&](char32_t c) { return codec == Codec::Utf8 ? is_surrogate(c) : c >= limit; };
  std::string out;
  out.reserve(utf8.size());
  ErrMode mode = ErrMode::Strict;
  bool mode_known = false;
  for (size_t i = 0; i < cps.size();) {
    char32_t c = cps[i];
    if (!bad(c)) {
      if (codec == Codec::Utf8) {
        append_utf8(out, c);
      } else {
        out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    if (!mode_known) {
      mode = error_mode(vm, errors, true);
      mode_known = true;
    }
    size_t j = i;
    while (j < cps.size() && bad(cps[j])) ++j;
    if (mode == ErrMode::Strict) {
      const char* reason = codec == Codec::Utf8    ? "surrogates not allowed"
                           : codec == Codec::Ascii ? "ordinal not in range(128)"
                                                   : "ordinal not in range(256)";
      std::string msg = std::string("'") + codec_name(codec) + "' codec can't encode ";
      if (j - i == 1) {
        msg += "character '" + escaped_char(c) + "' in position " + std::to_string(i);
      } else {
        msg += "characters in position " + std::to_string(i) + "-" + std::to_string(j - 1);
      }
      vm.raise(BuiltinTypeId::UnicodeEncodeError, msg + ": " + reason);
    }
    for (size_t k = i; k < j; ++k) {
      char32_t b = cps[k];
      switch (mode) {
        case ErrMode::Ignore:
          break;
        case ErrMode::Replace:
          out.push_back('?');
          break;
        case ErrMode::BackslashReplace:
          out += escaped_char(b);
          break;
        default:
          out += "&#" + std::to_string(static_cast<uint32_t>(b)) + ";";
          break;
      }
    }
    i = j;
  }
  return out;
}

std::string decode_bytes(VM& vm, std::string_view raw, Codec codec, std::string_view errors) {
  size_t n = raw.size();
  size_t i = 0;
  // Fast path: the ASCII prefix is the same text in every codec.
  while (i < n && static_cast<unsigned char>(raw[i]) < 0x80) ++i;
  if (i == n) return std::string(raw);
  std::string out(raw.substr(0, i));
  if (codec == Codec::Latin1) {
    out.reserve(n + (n - i));
    for (; i < n; ++i) append_utf8(out, static_cast<unsigned char>(raw[i]));
    return out;
  }
  ErrMode mode = ErrMode::Strict;
  bool mode_known = false;
  auto fail = [&](size_t start, size_t end, const char* reason) {
    // [start, end) is the undecodable sequence.
    if (!mode_known) {
      mode = error_mode(vm, errors, false);
      mode_known = true;
    }
    if (mode == ErrMode::Strict) {
      std::string msg = std::string("'") + codec_name(codec) + "' codec can't decode ";
      if (end - start == 1) {
        msg += "byte " + hex_byte(static_cast<unsigned char>(raw[start])) + " in position " +
               std::to_string(start);
      } else {
        msg += "bytes in position " + std::to_string(start) + "-" + std::to_string(end - 1);
      }
      vm.raise(BuiltinTypeId::UnicodeDecodeError, msg + ": " + reason);
    }
    if (mode == ErrMode::Replace) {
      out += "\xEF\xBF\xBD";
    } else if (mode == ErrMode::BackslashReplace) {
      for (size_t k = start; k < end; ++k) {
        out += "\\x";
        out += hex_byte(static_cast<unsigned char>(raw[k])).substr(2);
      }
    }
  };
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(raw[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    if (codec == Codec::Ascii) {
      fail(i, i + 1, "ordinal not in range(128)");
      ++i;
      continue;
    }
    // UTF-8: the same maximal-subpart rules as CPython's decoder.
    int need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      fail(i, i + 1, "invalid start byte");
      ++i;
      continue;
    }
    size_t j = i + 1;
    bool ok = true;
    for (int k = 0; k < need; ++k, ++j) {
      if (j >= n) {
        fail(i, n, "unexpected end of data");
        i = n;
        ok = false;
        break;
      }
      unsigned char c = static_cast<unsigned char>(raw[j]);
      unsigned char l = k == 0 ? lo : 0x80, h = k == 0 ? hi : 0xBF;
      if (c < l || c > h) {
        fail(i, j, "invalid continuation byte");
        i = j;
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    out.append(raw.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace text

// ---- repr ---------------------------------------------------------------------

std::string str_repr(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back(quote);
  static constexpr char kHex[] = "0123456789abcdef";
  auto hex = [&](char32_t c, int digits) {
    for (int k = digits - 1; k >= 0; --k) out.push_back(kHex[(c >> (4 * k)) & 0xF]);
  };
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      if (b == static_cast<unsigned char>(quote) || b == '\\') {
        out.push_back('\\');
        out.push_back(static_cast<char>(b));
      } else if (b == '\n') {
        out += "\\n";
      } else if (b == '\t') {
        out += "\\t";
      } else if (b == '\r') {
        out += "\\r";
      } else if (b < 0x20 || b == 0x7F) {
        out += "\\x";
        hex(b, 2);
      } else {
        out.push_back(static_cast<char>(b));
      }
      continue;
    }
    size_t start = i;
    char32_t c = next_cp(s, i);
    if (uprops(c) & kPrintable) {
      out.append(s.substr(start, i - start));
    } else if (c < 0x100) {
      out += "\\x";
      hex(c, 2);
    } else if (c < 0x10000) {
      out += "\\u";
      hex(c, 4);
    } else {
      out += "\\U";
      hex(c, 8);
    }
  }
  out.push_back(quote);
  return out;
}

// ---- indexing -------------------------------------------------------------------

Value str_char_at(VM& vm, Value s, int64_t i) {
  const StrObj* o = vm.as<StrObj>(s);
  if (o->ascii) return vm.new_str(std::string(1, o->data[static_cast<size_t>(i)]));
  StrRef r{o->data, o->length, o->ascii};
  size_t b = cp_to_byte(r, i);
  size_t e = b + 1;
  while (e < o->data.size() && text::is_cont(static_cast<unsigned char>(o->data[e]))) ++e;
  return vm.new_str(o->data.substr(b, e - b));
}

Value str_getitem(VM& vm, Value s, Value key) {
  const StrObj* o = vm.as<StrObj>(s);
  int64_t len = o->length;
  if (key.is_int() || key.is_bool() || vm.is_bigint(key) ||
      (!vm.is_kind(key, ObjKind::Slice) && key.is_obj() && vm.kind(key) == ObjKind::Instance &&
       !vm.lookup_special(key, "__index__").is_undef())) {
    int64_t i = vm.to_subscript_index(key);
    if (i < 0) i += len;
    if (i < 0 || i >= len) vm.index_error("string index out of range");
    return str_char_at(vm, s, i);
  }
  if (!vm.is_kind(key, ObjKind::Slice))
    vm.type_error("string indices must be integers, not '" + vm.type_name(key) + "'");
  int64_t start, stop, step;
  int64_t n = slice_indices(vm, key, len, &start, &stop, &step);
  o = vm.as<StrObj>(s);  // slice_indices may run __index__
  if (n <= 0) return vm.new_str(std::string());
  if (step == 1 && n == len) return s;
  std::string_view d = o->data;
  if (o->ascii) {
    if (step == 1) return vm.new_str(std::string(d.substr(start, n)));
    std::string out;
    out.reserve(n);
    for (int64_t k = 0, i = start; k < n; ++k, i += step) out.push_back(d[i]);
    return vm.new_str(std::move(out));
  }
  StrRef r{d, o->length, false};
  if (step == 1) {
    size_t b = cp_to_byte(r, start);
    size_t e = b;
    for (int64_t k = 0; k < n; ++k) {
      ++e;
      while (e < d.size() && text::is_cont(static_cast<unsigned char>(d[e]))) ++e;
    }
    return vm.new_str(std::string(d.substr(b, e - b)));
  }
  // Any other step: collect code point start offsets once.
  std::vector<uint32_t> offs;
  offs.reserve(len + 1);
  for (size_t i = 0; i < d.size(); ++i)
    if (!text::is_cont(static_cast<unsigned char>(d[i]))) offs.push_back(static_cast<uint32_t>(i));
  offs.push_back(static_cast<uint32_t>(d.size()));
  std::string out;
  for (int64_t k = 0, i = start; k < n; ++k, i += step)
    out.append(d.substr(offs[i], offs[i + 1] - offs[i]));
  return vm.new_str(std::move(out));
}

bool str_contains(VM& vm, Value s, Value sub) {
  if (!vm.is_str(sub))
    vm.type_error("'in <string>' requires string as left operand, not " + vm.type_name(sub));
  return vm.str_view(s).find(vm.str_view(sub)) != std::string_view::npos;
}

// ---- constructor ----------------------------------------------------------------

Value construct_str(VM& vm, CallArgs& args) {
  Value a[3];
  text::bind_builtin(vm, args, "str", {"object", "encoding", "errors"}, 0, 0, a);
  if (a[1].is_undef() && a[2].is_undef()) {
    if (a[0].is_undef()) return vm.new_str(std::string());
    if (vm.is_str(a[0]) && !vm.is_kind(a[0], ObjKind::Instance)) return a[0];
    return vm.new_str(vm.to_str(a[0]));
  }
  std::string_view enc = text::codec_arg(vm, a[1], "str", "encoding", "utf-8");
  std::string_view errors = text::codec_arg(vm, a[2], "str", "errors", "strict");
  if (a[0].is_undef()) return vm.new_str(std::string());
  if (vm.is_str(a[0])) vm.type_error("decoding str is not supported");
  if (!vm.is_kind(a[0], ObjKind::Bytes))
    vm.type_error("decoding to str: need a bytes-like object, " + vm.type_name(a[0]) + " found");
  text::Codec codec = text::lookup_codec(vm, enc);
  return vm.new_str(text::decode_bytes(vm, vm.as<BytesObj>(a[0])->data, codec, errors));
}

// ---- methods ----------------------------------------------------------------------

namespace {

// Applies a case mapping to the whole string. `kind` is 'l', 'u' or 'f';
// lower() handles the final sigma like CPython.
std::u32string decode_all(std::string_view d) {
  std::u32string cps;
  cps.reserve(d.size());
  for (size_t i = 0; i < d.size();) cps.push_back(next_cp(d, i));
  return cps;
}

// Final_Sigma: capital sigma at i becomes final sigma when preceded by a
// cased letter and not followed by one (case-ignorable characters skipped).
char32_t lower_sigma(const std::u32string& cps, size_t i) {
  size_t j = i;
  bool before = false;
  while (j > 0) {
    uint16_t p = uprops(cps[--j]);
    if (p & kCaseIgnorable) continue;
    before = (p & kCased) != 0;
    break;
  }
  if (!before) return 0x3C3;
  bool after = false;
  for (size_t k = i + 1; k < cps.size(); ++k) {
    uint16_t p = uprops(cps[k]);
    if (p & kCaseIgnorable) continue;
    after = (p & kCased) != 0;
    break;
  }
  return after ? 0x3C3 : 0x3C2;
}

void append_mapped(std::string& out, const std::u32string& cps, size_t i, char kind) {
  char32_t c = cps[i];
  if (c == 0x3A3 && kind == 'l') {
    append_utf8(out, lower_sigma(cps, i));
    return;
  }
  char32_t m[3];
  int n = case_map(c, kind, m);
  for (int k = 0; k < n; ++k) append_utf8(out, m[k]);
}

Value map_case(VM& vm, CallArgs& args, const char* qualname, char kind) {
  text::expect_no_args(vm, args, qualname);
  const StrObj* o = vm.as<StrObj>(args.self);
  std::string_view d = o->data;
  if (o->ascii) {
    std::string out(d);
    bool changed = false;
    for (char& ch : out) {
      if (kind == 'u' ? (ch >= 'a' && ch <= 'z') : (ch >= 'A' && ch <= 'Z')) {
        ch = static_cast<char>(kind == 'u' ? ch - 32 : ch + 32);
        changed = true;
      }
    }
    if (!changed) return args.self;
    return vm.new_str(std::move(out));
  }
  std::u32string cps = decode_all(d);
  std::string out;
  out.reserve(d.size());
  for (size_t i = 0; i < cps.size(); ++i) append_mapped(out, cps, i, kind);
  return vm.new_str(std::move(out));
}

Value m_lower(VM& vm, CallArgs& a) { return map_case(vm, a, "str.lower", 'l'); }
Value m_upper(VM& vm, CallArgs& a) { return map_case(vm, a, "str.upper", 'u'); }
Value m_casefold(VM& vm, CallArgs& a) { return map_case(vm, a, "str.casefold", 'f'); }

Value m_swapcase(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "str.swapcase");
  std::u32string cps = decode_all(vm.str_view(args.self));
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    uint16_t p = uprops(cps[i]);
    if (p & kUpper) {
      append_mapped(out, cps, i, 'l');
    } else if (p & kLower) {
      append_mapped(out, cps, i, 'u');
    } else {
      append_utf8(out, cps[i]);
    }
  }
  return vm.new_str(std::move(out));
}

Value m_title(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "str.title");
  std::u32string cps = decode_all(vm.str_view(args.self));
  std::string out;
  bool prev_cased = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    append_mapped(out, cps, i, prev_cased ? 'l' : 't');
    prev_cased = (uprops(cps[i]) & kCased) != 0;
  }
  return vm.new_str(std::move(out));
}

Value m_capitalize(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "str.capitalize");
  std::u32string cps = decode_all(vm.str_view(args.self));
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) append_mapped(out, cps, i, i == 0 ? 't' : 'l');
  return vm.new_str(std::move(out));
}

// ---- predicates ----

template <uint16_t kMask>
Value all_have(VM& vm, CallArgs& args, const char* qualname) {
  text::expect_no_args(vm, args, qualname);
  std::string_view d = vm.str_view(args.self);
  if (d.empty()) return Value::boolean(false);
  for (size_t i = 0; i < d.size();) {
    if (!(uprops(next_cp(d, i)) & kMask)) return Value::boolean(false);
  }
  return Value::boolean(true);
}

Value m_isalpha(VM& vm, CallArgs& a) { return all_have<kAlpha>(vm, a, "str.isalpha"); }
Value m_isdecimal(VM& vm, CallArgs& a) { return all_have<kDecimal>(vm, a, "str.isdecimal"); }
Value m_isdigit(VM& vm, CallArgs& a) { return all_have<kDigit>(vm, a, "str.isdigit"); }
Value m_isnumeric(VM& vm, CallArgs& a) { return all_have<kNumeric>(vm, a, "str.isnumeric"); }
Value m_isspace(VM& vm, CallArgs& a) { return all_have<kSpace>(vm, a, "str.isspace"); }
Value m_isalnum(VM& vm, CallArgs& a) {
  return all_have<kAlpha | kDecimal | kDigit | kNumeric>(vm, a, "str.isalnum");
}

Value m_isprintable(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "str.isprintable");
  std::string_view d = vm.str_view(args.self);
  for (size_t i = 0; i < d.size();)
    if (!(uprops(next_cp(d, i)) & kPrintable)) return Value::boolean(false);
  return Value::boolean(true);
}

Value m_isascii(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "str.isascii");
  return Value::boolean(vm.as<StrObj>(args.self)->ascii);
}

Value m_isidentifier(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "str.isidentifier");
  return Value::boolean(text::is_identifier(vm.str_view(args.self)));
}

Value m_islower(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "str.islower");
  std::string_view d = vm.str_view(args.self);
  bool cased = false;
  for (size_t i = 0; i < d.size();) {
    uint16_t p = uprops(next_cp(d, i));
    if (p & (kUpper | kTitle)) return Value::boolean(false);
    if (p & kLower) cased = true;
  }
  return Value::boolean(cased);
}

Value m_isupper(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "str.isupper");
  std::string_view d = vm.str_view(args.self);
  bool cased = false;
  for (size_t i = 0; i < d.size();) {
    uint16_t p = uprops(next_cp(d, i));
    if (p & (kLower | kTitle)) return Value::boolean(false);
    if (p & kUpper) cased = true;
  }
  return Value::boolean(cased);
}

Value m_istitle(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "str.istitle");
  std::string_view d = vm.str_view(args.self);
  bool cased = false, prev_cased = false;
  for (size_t i = 0; i < d.size();) {
    uint16_t p = uprops(next_cp(d, i));
    if (p & (kUpper | kTitle)) {
      if (prev_cased) return Value::boolean(false);
      prev_cased = cased = true;
    } else if (p & kLower) {
      if (!prev_cased) return Value::boolean(false);
      prev_cased = cased = true;
    } else {
      prev_cased = false;
    }
  }
  return Value::boolean(cased);
}

// ---- searching ----

enum class FindKind { Find, RFind, Index, RIndex, Count };

Value find_impl(VM& vm, CallArgs& args, const char* qualname, FindKind kind) {
  text::expect_args_old(vm, args, qualname, 1, 3);
  const StrObj* sub = str_arg(vm, args[0]);
  StrRef s = sref(vm, args.self);
  int64_t start, end;
  text::slice_bounds(vm, args, 1, s.len, &start, &end);
  s = sref(vm, args.self);
  std::string_view needle = vm.as<StrObj>(args[0])->data;
  (void)sub;
  if (kind == FindKind::Count) {
    if (start > end || start > s.len) return Value::integer(0);
    if (needle.empty()) return Value::integer(end - start + 1);
    size_t b = cp_to_byte(s, start), e = cp_to_byte(s, end);
    return Value::integer(text::count(s.d, needle, b, e));
  }
  int64_t result = -1;
  if (start <= end && start <= s.len) {
    size_t b = cp_to_byte(s, start), e = cp_to_byte(s, end);
    bool reverse = kind == FindKind::RFind || kind == FindKind::RIndex;
    size_t r = reverse ? text::rfind(s.d, needle, b, e) : text::find(s.d, needle, b, e);
    if (r != text::npos) result = byte_to_cp(s, r);
  }
  if (result < 0 && (kind == FindKind::Index || kind == FindKind::RIndex))
    vm.value_error("substring not found");
  return Value::integer(result);
}

Value m_find(VM& vm, CallArgs& a) { return find_impl(vm, a, "str.find", FindKind::Find); }
Value m_rfind(VM& vm, CallArgs& a) { return find_impl(vm, a, "str.rfind", FindKind::RFind); }
Value m_index(VM& vm, CallArgs& a) { return find_impl(vm, a, "str.index", FindKind::Index); }
Value m_rindex(VM& vm, CallArgs& a) { return find_impl(vm, a, "str.rindex", FindKind::RIndex); }
Value m_count(VM& vm, CallArgs& a) { return find_impl(vm, a, "str.count", FindKind::Count); }

Value starts_ends(VM& vm, CallArgs& args, const char* qualname, bool ends) {
  text::expect_args_old(vm, args, qualname, 1, 3);
  StrRef s = sref(vm, args.self);
  int64_t start, end;
  text::slice_bounds(vm, args, 1, s.len, &start, &end);
  s = sref(vm, args.self);
  std::string name(short_name(qualname));
  auto test = [&](Value p) {
    std::string_view pre = vm.str_view(p);
    if (start > s.len) return false;
    if (end < start) return false;
    size_t b = cp_to_byte(s, start), e = cp_to_byte(s, end);
    if (e - b < pre.size()) return false;
    return ends ? s.d.substr(e - pre.size(), pre.size()) == pre : s.d.substr(b, pre.size()) == pre;
  };
  Value p = args[0];
  if (vm.is_str(p)) return Value::boolean(test(p));
  if (vm.is_tuple(p)) {
    const std::vector<Value>& items = vm.as<TupleObj>(p)->items;
    for (Value item : items) {
      if (!vm.is_str(item))
        vm.type_error("tuple for " + name + " must only contain str, not " + vm.type_name(item));
      if (test(item)) return Value::boolean(true);
    }
    return Value::boolean(false);
  }
  vm.type_error(name + " first arg must be str or a tuple of str, not " + vm.type_name(p));
}

Value m_startswith(VM& vm, CallArgs& a) { return starts_ends(vm, a, "str.startswith", false); }
Value m_endswith(VM& vm, CallArgs& a) { return starts_ends(vm, a, "str.endswith", true); }

// ---- padding ----

char32_t fill_arg(VM& vm, const CallArgs& args, size_t i) {
  if (i >= args.size()) return U' ';
  Value f = args[i];
  if (!vm.is_str(f))
    vm.type_error("The fill character must be a unicode character, not " + vm.type_name(f));
  const StrObj* o = vm.as<StrObj>(f);
  if (o->length != 1) vm.type_error("The fill character must be exactly one character long");
  size_t k = 0;
  return next_cp(o->data, k);
}

Value pad(VM& vm, Value self, int64_t left, int64_t right, char32_t fill) {
  const StrObj* o = vm.as<StrObj>(self);
  std::string fs;
  append_utf8(fs, fill);
  vm.check_alloc_items(static_cast<uint64_t>(left) + static_cast<uint64_t>(right), fs.size(),
                       o->data.size());
  std::string out;
  out.reserve(o->data.size() + (left + right) * fs.size());
  if (fs.size() == 1) {
    out.append(static_cast<size_t>(left), fs[0]);
    out.append(o->data);
    out.append(static_cast<size_t>(right), fs[0]);
  } else {
    for (int64_t k = 0; k < left; ++k) out += fs;
    out.append(o->data);
    for (int64_t k = 0; k < right; ++k) out += fs;
  }
  return vm.new_str(std::move(out));
}

Value justify(VM& vm, CallArgs& args, const char* qualname, char how) {
  text::expect_args_new(vm, args, qualname, 1, 2);
  int64_t width = index_arg(vm, args[0]);
  char32_t fill = fill_arg(vm, args, 1);
  int64_t len = vm.as<StrObj>(args.self)->length;
  if (width <= len) return args.self;
  int64_t marg = width - len;
  int64_t left = how == '<' ? 0 : how == '>' ? marg : marg / 2 + (marg & width & 1);
  return pad(vm, args.self, left, marg - left, fill);
}

Value m_center(VM& vm, CallArgs& a) { return justify(vm, a, "str.center", '^'); }
Value m_ljust(VM& vm, CallArgs& a) { return justify(vm, a, "str.ljust", '<'); }
Value m_rjust(VM& vm, CallArgs& a) { return justify(vm, a, "str.rjust", '>'); }

Value m_zfill(VM& vm, CallArgs& args) {
  text::expect_one_arg(vm, args, "str.zfill");
  int64_t width = index_arg(vm, args[0]);
  const StrObj* o = vm.as<StrObj>(args.self);
  if (width <= o->length) return args.self;
  int64_t fill = width - o->length;
  vm.check_alloc(static_cast<uint64_t>(fill) + o->data.size());
  std::string out;
  out.reserve(o->data.size() + fill);
  std::string_view d = o->data;
  if (!d.empty() && (d[0] == '+' || d[0] == '-')) {
    out.push_back(d[0]);
    d.remove_prefix(1);
  }
  out.append(static_cast<size_t>(fill), '0');
  out.append(d);
  return vm.new_str(std::move(out));
}

Value m_expandtabs(VM& vm, CallArgs& args) {
  Value a[1];
  text::bind_builtin(vm, args, "expandtabs", {"tabsize"}, 0, 0, a);
  int64_t tab = a[0].is_undef() ? 8 : vm.to_c_int(a[0]);
  std::string_view d = vm.str_view(args.self);
  if (d.find('\t') == std::string_view::npos) return args.self;
  std::string out;
  int64_t col = 0;
  for (size_t i = 0; i < d.size();) {
    size_t start = i;
    char32_t c = next_cp(d, i);
    if (c == '\t') {
      if (tab > 0) {
        int64_t n = tab - col % tab;
        vm.check_alloc(out.size() + static_cast<uint64_t>(n));
        out.append(static_cast<size_t>(n), ' ');
        col += n;
      }
    } else {
      out.append(d.substr(start, i - start));
      ++col;
      if (c == '\n' || c == '\r') col = 0;
    }
  }
  return vm.new_str(std::move(out));
}

// ---- strip / split / join ----

Value strip_impl(VM& vm, CallArgs& args, const char* qualname, int mode) {
  text::expect_args_new(vm, args, qualname, 0, 1);
  const StrObj* o = vm.as<StrObj>(args.self);
  std::string_view d = o->data;
  Piece p;
  if (args.size() == 0 || args[0].is_none()) {
    p = o->ascii ? text::strip<false>(d, mode, is_uspace) : text::strip<true>(d, mode, is_uspace);
  } else {
    if (!vm.is_str(args[0]))
      vm.type_error(std::string(short_name(qualname)) + " arg must be None or str");
    const StrObj* chars = vm.as<StrObj>(args[0]);
    if (chars->ascii) {
      bool set[128] = {};
      for (char c : chars->data) set[static_cast<unsigned char>(c)] = true;
      auto in = [&](char32_t c) { return c < 128 && set[c]; };
      p = o->ascii ? text::strip<false>(d, mode, in) : text::strip<true>(d, mode, in);
    } else {
      std::u32string cs = decode_all(chars->data);
      auto in = [&](char32_t c) { return cs.find(c) != std::u32string::npos; };
      p = text::strip<true>(d, mode, in);
    }
  }
  return self_or_new(vm, args.self, d, p.begin, p.end);
}

Value m_strip(VM& vm, CallArgs& a) { return strip_impl(vm, a, "str.strip", 3); }
Value m_lstrip(VM& vm, CallArgs& a) { return strip_impl(vm, a, "str.lstrip", 1); }
Value m_rstrip(VM& vm, CallArgs& a) { return strip_impl(vm, a, "str.rstrip", 2); }

Value pieces_to_list(VM& vm, Value self, const std::vector<Piece>& pieces) {
  std::string_view d = vm.str_view(self);
  std::vector<Value> items;
  items.reserve(pieces.size());
  for (const Piece& p : pieces) items.push_back(self_or_new(vm, self, d, p.begin, p.end));
  return vm.new_list(std::move(items));
}

Value split_impl(VM& vm, CallArgs& args, const char* fname, bool right) {
  Value a[2];
  text::bind_builtin(vm, args, fname, {"sep", "maxsplit"}, 0, 0, a);
  int64_t maxsplit = a[1].is_undef() ? -1 : index_arg(vm, a[1]);
  if (maxsplit < 0) maxsplit = -1;
  const StrObj* o = vm.as<StrObj>(args.self);
  std::string_view d = o->data;
  std::vector<Piece> pieces;
  if (a[0].is_undef() || a[0].is_none()) {
    if (o->ascii) {
      right ? text::rsplit_ws<false>(d, maxsplit, is_uspace, pieces)
            : text::split_ws<false>(d, maxsplit, is_uspace, pieces);
    } else {
      right ? text::rsplit_ws<true>(d, maxsplit, is_uspace, pieces)
            : text::split_ws<true>(d, maxsplit, is_uspace, pieces);
    }
  } else {
    if (!vm.is_str(a[0])) vm.type_error("must be str or None, not " + vm.type_name(a[0]));
    std::string_view sep = vm.str_view(a[0]);
    if (sep.empty()) vm.value_error("empty separator");
    right ? text::rsplit_sep(d, sep, maxsplit, pieces) : text::split_sep(d, sep, maxsplit, pieces);
  }
  return pieces_to_list(vm, args.self, pieces);
}

Value m_split(VM& vm, CallArgs& a) { return split_impl(vm, a, "split", false); }
Value m_rsplit(VM& vm, CallArgs& a) { return split_impl(vm, a, "rsplit", true); }

Value m_splitlines(VM& vm, CallArgs& args) {
  Value a[1];
  text::bind_builtin(vm, args, "splitlines", {"keepends"}, 0, 0, a);
  bool keep = false;
  // keepends is an int parameter: bools and ints, or __index__.
  if (!a[0].is_undef()) keep = vm.to_c_int(a[0]) != 0;
  const StrObj* o = vm.as<StrObj>(args.self);
  std::string_view d = o->data;
  std::vector<Piece> pieces;
  size_t i = 0, start = 0;
  while (i < d.size()) {
    size_t at = i;
    char32_t c = o->ascii ? static_cast<unsigned char>(d[i++]) : next_cp(d, i);
    if (!is_linebreak(c)) continue;
    if (c == '\r' && i < d.size() && d[i] == '\n') ++i;
    pieces.push_back({start, keep ? i : at});
    start = i;
  }
  if (start < d.size()) pieces.push_back({start, d.size()});
  return pieces_to_list(vm, args.self, pieces);
}

Value m_join(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(m_join);
  text::expect_one_arg(vm, args, "str.join");
  Value iterable = args[0];
  if (gc_safe && vm.is_str(args.self) && vm.consumes_as_frame(iterable)) {
    vm.consume_as_frame(Consumer::Join, iterable, {vm.new_list(), args.self});
    return Value();
  }
  std::vector<Value> items;
  if (vm.is_list(iterable)) {
    items = vm.as<ListObj>(iterable)->items;
  } else if (vm.is_tuple(iterable)) {
    items = vm.as<TupleObj>(iterable)->items;
  } else {
    // CPython reports any non-iterable argument this way (PySequence_Fast).
    bool ok = false;
    if (iterable.is_obj()) {
      ObjKind k = vm.kind(iterable);
      if (k == ObjKind::Instance || k == ObjKind::Class) {
        ok = !vm.lookup_special(iterable, "__iter__").is_undef() ||
             !vm.lookup_special(iterable, "__getitem__").is_undef();
      } else {
        ok = k == ObjKind::Generator || !builtin_iter(vm, iterable).is_undef();
      }
    }
    if (!ok) vm.type_error("can only join an iterable");
    items = vm.to_vector(iterable, gc_safe);
  }
  if (items.size() == 1 && vm.is_str(items[0])) return items[0];
  std::string_view sep = vm.str_view(args.self);
  uint64_t total = 0;
  for (size_t k = 0; k < items.size(); ++k) {
    if (!vm.is_str(items[k]))
      vm.type_error("sequence item " + std::to_string(k) + ": expected str instance, " +
                    vm.type_name(items[k]) + " found");
    total += vm.as<StrObj>(items[k])->data.size() + (k ? sep.size() : 0);
  }
  vm.check_alloc(total);
  std::string out;
  out.reserve(total);
  for (size_t k = 0; k < items.size(); ++k) {
    if (k) out.append(sep);
    out.append(vm.as<StrObj>(items[k])->data);
  }
  return vm.new_str(std::move(out));
}

Value partition_impl(VM& vm, CallArgs& args, const char* qualname, bool right) {
  text::expect_one_arg(vm, args, qualname);
  str_arg(vm, args[0]);
  std::string_view sep = vm.str_view(args[0]);
  if (sep.empty()) vm.value_error("empty separator");
  std::string_view d = vm.str_view(args.self);
  size_t r = right ? d.rfind(sep) : d.find(sep);
  Value empty = vm.new_str(std::string());
  if (r == std::string_view::npos) {
    return right ? vm.new_tuple({empty, empty, args.self})
                 : vm.new_tuple({args.self, empty, empty});
  }
  Value a = vm.new_str(std::string(d.substr(0, r)));
  Value c = vm.new_str(std::string(d.substr(r + sep.size())));
  return vm.new_tuple({a, args[0], c});
}

Value m_partition(VM& vm, CallArgs& a) { return partition_impl(vm, a, "str.partition", false); }
Value m_rpartition(VM& vm, CallArgs& a) { return partition_impl(vm, a, "str.rpartition", true); }

Value m_replace(VM& vm, CallArgs& args) {
  text::expect_args_new(vm, args, "str.replace", 2, 3);
  for (size_t k = 0; k < 2; ++k)
    if (!vm.is_str(args[k]))
      vm.type_error("replace() argument " + std::to_string(k + 1) + " must be str, not " +
                    vm.type_name(args[k]));
  int64_t limit = args.size() > 2 ? index_arg(vm, args[2]) : -1;
  const StrObj* o = vm.as<StrObj>(args.self);
  std::string_view d = o->data, old = vm.str_view(args[0]), rep = vm.str_view(args[1]);
  if (limit == 0) return args.self;
  if (old.empty()) {
    // Insert `rep` before every code point and at the end, up to limit times.
    uint64_t slots = static_cast<uint64_t>(o->length) + 1;
    if (limit >= 0 && static_cast<uint64_t>(limit) < slots) slots = limit;
    vm.check_alloc(d.size() + slots * rep.size());
    std::string out;
    out.reserve(d.size() + slots * rep.size());
    size_t i = 0;
    uint64_t done = 0;
    while (done < slots) {
      out.append(rep);
      ++done;
      if (i >= d.size()) break;
      size_t start = i;
      next_cp(d, i);
      out.append(d.substr(start, i - start));
    }
    out.append(d.substr(i));
    return vm.new_str(std::move(out));
  }
  if (d.find(old) == std::string_view::npos) return args.self;
  return vm.new_str(text::replace(vm, d, old, rep, limit));
}

Value affix_impl(VM& vm, CallArgs& args, const char* qualname, bool suffix) {
  text::expect_one_arg(vm, args, qualname);
  if (!vm.is_str(args[0]))
    vm.type_error(std::string(short_name(qualname)) + "() argument must be str, not " +
                  vm.type_name(args[0]));
  std::string_view d = vm.str_view(args.self), a = vm.str_view(args[0]);
  if (a.empty() || a.size() > d.size()) return args.self;
  if (suffix) {
    if (d.substr(d.size() - a.size()) != a) return args.self;
    return vm.new_str(std::string(d.substr(0, d.size() - a.size())));
  }
  if (d.substr(0, a.size()) != a) return args.self;
  return vm.new_str(std::string(d.substr(a.size())));
}

Value m_removeprefix(VM& vm, CallArgs& a) { return affix_impl(vm, a, "str.removeprefix", false); }
Value m_removesuffix(VM& vm, CallArgs& a) { return affix_impl(vm, a, "str.removesuffix", true); }

Value m_encode(VM& vm, CallArgs& args) {
  Value a[2];
  text::bind_builtin(vm, args, "encode", {"encoding", "errors"}, 0, 0, a);
  std::string_view enc = text::codec_arg(vm, a[0], "encode", "encoding", "utf-8");
  std::string_view errors = text::codec_arg(vm, a[1], "encode", "errors", "strict");
  text::Codec codec = text::lookup_codec(vm, enc);
  return vm.new_bytes(text::encode_text(vm, vm.str_view(args.self), codec, errors));
}

// ---- maketrans / translate ----

Value m_maketrans(VM& vm, CallArgs& args) {
  text::expect_args_new(vm, args, "str.maketrans", 1, 3);
  Value table = vm.new_dict();
  if (args.size() == 1) {
    Value src = args[0];
    if (!vm.is_dict(src))
      vm.type_error("if you give only one argument to maketrans it must be a dict");
    std::vector<std::pair<Value, Value>> entries;
    for (const Dict::Entry& e : vm.as<DictObj>(src)->dict.entries())
      if (!e.key.is_undef()) entries.emplace_back(e.key, e.value);
    for (auto& [k, v] : entries) {
      if (vm.is_str(k)) {
        const StrObj* ks = vm.as<StrObj>(k);
        if (ks->length != 1) vm.value_error("string keys in translate table must be of length 1");
        size_t i = 0;
        vm.setitem(table, Value::integer(next_cp(ks->data, i)), v);
      } else if (vm.is_integer(k)) {
        vm.setitem(table, k, v);
      } else {
        vm.type_error("keys in translate table must be strings or integers");
      }
    }
    return table;
  }
  for (size_t k = 0; k < args.size(); ++k) {
    if (!vm.is_str(args[k]))
      vm.type_error("maketrans() argument " + std::to_string(k + 1) + " must be str, not " +
                    vm.type_name(args[k]));
  }
  std::u32string x = decode_all(vm.str_view(args[0])), y = decode_all(vm.str_view(args[1]));
  if (x.size() != y.size())
    vm.value_error("the first two maketrans arguments must have equal length");
  for (size_t k = 0; k < x.size(); ++k)
    vm.setitem(table, Value::integer(x[k]), Value::integer(y[k]));
  if (args.size() == 3) {
    std::u32string z = decode_all(vm.str_view(args[2]));
    for (char32_t c : z) vm.setitem(table, Value::integer(c), Value::none());
  }
  return table;
}

Value m_translate(VM& vm, CallArgs& args) {
  text::expect_one_arg(vm, args, "str.translate");
  Value table = args[0];
  std::string d(vm.str_view(args.self));  // copy: __getitem__ may run Python code
  std::string out;
  out.reserve(d.size());
  // Small cache for repeated characters (ASCII only) so long texts do not
  // pay a lookup per character.
  std::array<int32_t, 128> cache;  // -2 unknown, -1 delete, else index into cached strings
  cache.fill(-2);
  std::vector<std::string> cached;
  for (size_t i = 0; i < d.size();) {
    size_t start = i;
    char32_t c = next_cp(d, i);
    if (c < 128 && cache[c] != -2) {
      if (cache[c] >= 0) out += cached[cache[c]];
      continue;
    }
    Value r;
    bool found = true;
    Value key = Value::integer(c);
    if (vm.is_dict(table)) {
      // Plain dicts: look up directly (no KeyError round trip).
      Dict::Entry* e = vm.as<DictObj>(table)->dict.find(vm, key);
      found = e != nullptr;
      if (found) r = e->value;
    } else {
      // Any other mapping/sequence: __getitem__, LookupError means "keep".
      try {
        r = vm.getitem(table, key);
      } catch (PyError& err) {
        if (!vm.is_instance(err.exc, BuiltinTypeId::LookupError)) throw;
        found = false;
      }
    }
    std::string piece;
    bool del = false;
    if (!found) {
      piece.assign(d, start, i - start);
    } else if (r.is_none()) {
      del = true;
    } else if (vm.is_integer(r)) {
      int64_t v = vm.is_bigint(r) ? -1 : r.i;
      if (v < 0 || v > 0x10FFFF) vm.value_error("character mapping must be in range(0x110000)");
      append_utf8(piece, static_cast<char32_t>(v));
    } else if (vm.is_str(r)) {
      piece = vm.str_view(r);
    } else {
      vm.type_error("character mapping must return integer, None or str");
    }
    if (c < 128) {
      cache[c] = del ? -1 : static_cast<int32_t>(cached.size());
      if (!del) cached.push_back(piece);
    }
    if (!del) out += piece;
    vm.check_alloc(out.size());
  }
  return vm.new_str(std::move(out));
}

constexpr MethodDef kStrMethodTable[] = {
    {"capitalize", m_capitalize},
    {"casefold", m_casefold},
    {"center", m_center},
    {"count", m_count},
    {"encode", m_encode},
    {"endswith", m_endswith},
    {"expandtabs", m_expandtabs},
    {"find", m_find},
    {"format", text::str_method_format},
    {"format_map", text::str_method_format_map},
    {"index", m_index},
    {"isalnum", m_isalnum},
    {"isalpha", m_isalpha},
    {"isascii", m_isascii},
    {"isdecimal", m_isdecimal},
    {"isdigit", m_isdigit},
    {"isidentifier", m_isidentifier},
    {"islower", m_islower},
    {"isnumeric", m_isnumeric},
    {"isprintable", m_isprintable},
    {"isspace", m_isspace},
    {"istitle", m_istitle},
    {"isupper", m_isupper},
    {"join", m_join},
    {"ljust", m_ljust},
    {"lower", m_lower},
    {"lstrip", m_lstrip},
    {"maketrans", m_maketrans, MethodKind::Static},
    {"partition", m_partition},
    {"removeprefix", m_removeprefix},
    {"removesuffix", m_removesuffix},
    {"replace", m_replace},
    {"rfind", m_rfind},
    {"rindex", m_rindex},
    {"rjust", m_rjust},
    {"rpartition", m_rpartition},
    {"rsplit", m_rsplit},
    {"rstrip", m_rstrip},
    {"split", m_split},
    {"splitlines", m_splitlines},
    {"startswith", m_startswith},
    {"strip", m_strip},
    {"swapcase", m_swapcase},
    {"title", m_title},
    {"translate", m_translate},
    {"upper", m_upper},
    {"zfill", m_zfill},
};

}  // namespace

const std::span<const MethodDef> kStrMethods = kStrMethodTable;

}  // namespace monty
