// int and bool: the constructors, repr, and the methods of int.
//
// Small ints live inline in Value (int64); larger ones are BigIntObj. Every
// result that may be big is created through vm.new_int(BigInt), which
// demotes values that fit back to the inline form. bool is a subclass of
// int: its methods are int's, and their results are plain ints.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/types/registry.h"
#include "support/numfmt.h"

namespace monty {

namespace {

// CPython 3.11's default sys.get_int_max_str_digits(): decimal conversions
// of ints with more digits are refused (they are quadratic-time).
constexpr size_t kMaxStrDigits = 4300;

std::string small_int_str(int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The digit count CPython checks against the limit: digits of the number
// after whitespace, sign and base prefix, not counting underscores. Only
// bases that are not powers of two are limited. Raises ValueError.
void check_parse_digit_limit(VM& vm, std::string_view text, int base) {
  if (text.size() <= kMaxStrDigits) return;  // cannot hold more digits
  size_t i = 0, n = text.size();
  while (i < n && is_ascii_space(text[i])) i++;
  if (i < n && (text[i] == '+' || text[i] == '-')) i++;
  int eff = base;
  if (i + 1 < n && text[i] == '0') {
    char p = static_cast<char>(text[i + 1] | 0x20);
    if ((p == 'x' && (base == 0 || base == 16)) || (p == 'o' && (base == 0 || base == 8)) ||
        (p == 'b' && (base == 0 || base == 2))) {
      eff = p == 'x' ? 16 : p == 'o' ? 8 : 2;
      i += 2;
    }
  }
  if (eff == 0) eff = 10;
  if ((eff & (eff - 1)) == 0) return;
  size_t digits = 0;
  for (; i < n; i++) {
    char c = text[i];
    if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
      digits++;
    else if (c != '_')
      break;
  }
  if (digits > kMaxStrDigits) {
    vm.value_error("Exceeds the limit (4300 digits) for integer string conversion: value has " +
                   std::to_string(digits) +
                   " digits; use sys.set_int_max_str_digits() to increase the limit");
  }
}

// Fast path: a short plain decimal literal ("123", "-45") without
// whitespace or underscores. Returns false if `text` is anything else.
bool parse_small_decimal(std::string_view text, int64_t* out) {
  size_t i = 0;
  bool neg = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    neg = text[0] == '-';
    i = 1;
  }
  if (i == text.size() || text.size() - i > 18) return false;
  int64_t v = 0;
  for (; i < text.size(); i++) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = neg ? -v : v;
  return true;
}

// int(text, base) for str and bytes; `is_bytes` picks the repr in messages.
Value parse_int_text(VM& vm, std::string_view text, int base, bool is_bytes) {
  if (base == 10) {
    int64_t small;
    if (parse_small_decimal(text, &small)) return Value::integer(small);
  }
  check_parse_digit_limit(vm, text, base);
  std::optional<BigInt> r = parse_int(text, base);
  if (!r) {
    // CPython formats the text with %.200R: its repr, cut to 200 code points.
    std::string shown = is_bytes ? bytes_repr(text) : str_repr(text);
    size_t cps = 0;
    for (size_t i = 0; i < shown.size(); i++) {
      if ((static_cast<unsigned char>(shown[i]) & 0xC0) != 0x80 && cps++ == 200) {
        shown.resize(i);
        break;
      }
    }
    vm.value_error("invalid literal for int() with base " + std::to_string(base) + ": " + shown);
  }
  return vm.new_int(std::move(*r));
}

// bool results of __int__ etc. are ints; keep them as the int value.
Value as_plain_int(Value v) { return v.is_bool() ? Value::integer(v.i) : v; }

Value int_from_object(VM& vm, Value x) {
  if (vm.is_kind(x, ObjKind::Instance)) {
    static constexpr const char* kHooks[] = {"__int__", "__index__", "__trunc__"};
    for (const char* hook : kHooks) {
      Value r = call_dunder(vm, x, hook);
      if (r.is_undef()) continue;
      if (!vm.is_integer(r)) {
        if (std::string_view(hook) == "__trunc__") {
          // __trunc__ may return anything with __index__.
          return vm.new_int(BigInt(vm.to_index(r)));
        }
        vm.type_error(std::string(hook) + " returned non-int (type " + vm.type_name(r) + ")");
      }
      return as_plain_int(r);
    }
    // A subclass of int/float/str/bytes without those hooks: its value.
    Value inner = subclass_value(vm, x);
    if (!inner.is_undef()) {
      Value arg[1] = {inner};
      CallArgs ca;
      ca.pos = arg;
      return construct_int(vm, ca);
    }
  }
  vm.type_error("int() argument must be a string, a bytes-like object or a real number, not '" +
                vm.type_name(x) + "'");
}

}  // namespace

BigInt int_to_bigint(VM& vm, Value v) {
  if (v.is_int() || v.is_bool()) return BigInt(v.i);
  return vm.as<BigIntObj>(v)->value;
}

Value float_to_int(VM& vm, double d) {
  if (std::isnan(d)) vm.value_error("cannot convert float NaN to integer");
  if (std::isinf(d))
    vm.raise(BuiltinTypeId::OverflowError, "cannot convert float infinity to integer");
  if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
    return Value::integer(static_cast<int64_t>(d));
  }
  return vm.new_int(BigInt::from_double(d));
}

std::string int_repr(VM& vm, Value v) {
  if (v.is_bool()) return v.i ? "True" : "False";
  if (v.is_int()) return small_int_str(v.i);
  const BigInt& b = vm.as<BigIntObj>(v)->value;
  size_t est = b.decimal_digits_estimate();
  if (est > kMaxStrDigits + 1) {
    vm.value_error(
        "Exceeds the limit (4300 digits) for integer string conversion; use "
        "sys.set_int_max_str_digits() to "
        "increase the limit");
  }
  std::string s = b.to_string(10);
  if (s.size() - (b.is_negative() ? 1 : 0) > kMaxStrDigits) {
    vm.value_error(
        "Exceeds the limit (4300 digits) for integer string conversion; use "
        "sys.set_int_max_str_digits() to "
        "increase the limit");
  }
  return s;
}

Value construct_int(VM& vm, CallArgs& args) {
  for (size_t i = 0; i < args.kw_names.size(); i++) {
    std::string_view k = vm.str_view(args.kw_names[i]);
    if (k != "base")
      vm.type_error("'" + std::string(k) + "' is an invalid keyword argument for int()");
  }
  Value a[2];
  bind_args(vm, args, "int", {"x", "base"}, 0, 1, a);
  Value x = a[0], base_v = a[1];
  // int(text, base) with a str/bytes subclass parses its value.
  if (!base_v.is_undef()) {
    Value inner = subclass_value(vm, x);
    if (!inner.is_undef()) x = inner;
  }
  if (x.is_undef()) {
    if (!base_v.is_undef()) vm.type_error("int() missing string argument");
    return Value::integer(0);
  }
  if (base_v.is_undef()) {
    if (x.is_int()) return x;
    if (x.is_bool()) return Value::integer(x.i);
    if (x.is_float()) return float_to_int(vm, x.f);
    if (x.is_obj()) {
      switch (vm.kind(x)) {
        case ObjKind::BigInt:
          return x;
        case ObjKind::Str:
          return parse_int_text(vm, vm.str_view(x), 10, false);
        case ObjKind::Bytes:
          return parse_int_text(vm, vm.as<BytesObj>(x)->data, 10, true);
        case ObjKind::ByteArray:
          return parse_int_text(vm, vm.as<ByteArrayObj>(x)->data, 10, true);
        default:
          break;
      }
    }
    return int_from_object(vm, x);
  }
  int64_t base;
  if (vm.is_bigint(base_v)) {
    base = -1;
  } else {
    base = vm.to_index(base_v);
  }
  if (base != 0 && (base < 2 || base > 36))
    vm.value_error("int() base must be >= 2 and <= 36, or 0");
  if (vm.is_str(x)) return parse_int_text(vm, vm.str_view(x), static_cast<int>(base), false);
  if (vm.is_kind(x, ObjKind::Bytes)) {
    return parse_int_text(vm, vm.as<BytesObj>(x)->data, static_cast<int>(base), true);
  }
  if (vm.is_kind(x, ObjKind::ByteArray)) {
    return parse_int_text(vm, vm.as<ByteArrayObj>(x)->data, static_cast<int>(base), true);
  }
  vm.type_error("int() can't convert non-string with explicit base");
}

Value construct_bool(VM& vm, CallArgs& args) {
  if (args.has_kwargs()) vm.type_error("bool() takes no keyword arguments");
  if (args.size() > 1)
    vm.type_error("bool expected at most 1 argument, got " + std::to_string(args.size()));
  if (args.size() == 0) return Value::boolean(false);
  return Value::boolean(vm.truthy(args[0]));
}

namespace {

Value self_int(VM& vm, CallArgs& args) {
  (void)vm;
  return as_plain_int(args.self);
}

Value int_bit_length(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "bit_length", 0, 0);
  Value s = args.self;
  if (s.is_int() || s.is_bool()) {
    uint64_t m = s.i < 0 ? 0 - static_cast<uint64_t>(s.i) : static_cast<uint64_t>(s.i);
    return Value::integer(m == 0 ? 0 : 64 - __builtin_clzll(m));
  }
  return Value::integer(vm.as<BigIntObj>(s)->value.bit_length());
}

Value int_bit_count(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "bit_count", 0, 0);
  Value s = args.self;
  if (s.is_int() || s.is_bool()) {
    uint64_t m = s.i < 0 ? 0 - static_cast<uint64_t>(s.i) : static_cast<uint64_t>(s.i);
    return Value::integer(__builtin_popcountll(m));
  }
  return Value::integer(vm.as<BigIntObj>(s)->value.bit_count());
}

// Parses the byteorder argument of to_bytes/from_bytes: true for little.
bool parse_byteorder(VM& vm, Value v, const char* fname) {
  if (v.is_undef()) return false;
  if (!vm.is_str(v)) {
    vm.type_error(std::string(fname) + "() argument 'byteorder' must be str, not " +
                  vm.type_name(v));
  }
  std::string_view s = vm.str_view(v);
  if (s == "little") return true;
  if (s == "big") return false;
  vm.value_error("byteorder must be either 'little' or 'big'");
}

// Little-endian bytes of a non-negative BigInt, padded/truncated to `len`.
std::string magnitude_bytes_le(const BigInt& b, size_t len) {
  std::string out(len, '\0');
  const std::vector<uint32_t>& limbs = b.limbs();
  for (size_t i = 0; i < len && i / 4 < limbs.size(); i++) {
    out[i] = static_cast<char>((limbs[i / 4] >> (8 * (i % 4))) & 0xFF);
  }
  return out;
}

Value int_to_bytes(VM& vm, CallArgs& args) {
  if (args.size() > 2) {
    vm.type_error("to_bytes() takes at most 2 positional arguments (" +
                  std::to_string(args.size()) + " given)");
  }
  Value a[3];
  bind_args(vm, args, "to_bytes", {"length", "byteorder", "signed"}, 0, 0, a);
  int64_t length = a[0].is_undef() ? 1 : vm.to_index(a[0]);
  bool little = parse_byteorder(vm, a[1], "to_bytes");
  bool is_signed = !a[2].is_undef() && vm.truthy(a[2]);
  if (length < 0) vm.value_error("length argument must be non-negative");
  vm.check_alloc(static_cast<uint64_t>(length));
  size_t len = static_cast<size_t>(length);
  BigInt v = int_to_bigint(vm, args.self);
  if (v.is_negative() && !is_signed)
    vm.raise(BuiltinTypeId::OverflowError, "can't convert negative int to unsigned");
  // Bits needed: unsigned -> bit_length; signed -> bit_length + 1 for
  // non-negative values, bit_length(-v - 1) + 1 for negative ones.
  int64_t need;
  if (!v.is_negative()) {
    need = v.bit_length() + (is_signed ? 1 : 0);
    if (v.is_zero()) need = 0;
  } else {
    need = BigInt::sub(BigInt::neg(v), BigInt(1)).bit_length() + 1;
  }
  if (static_cast<uint64_t>(need) > static_cast<uint64_t>(length) * 8) {
    vm.raise(BuiltinTypeId::OverflowError, "int too big to convert");
  }
  if (v.is_negative())
    v = BigInt::add(v, BigInt::shl(BigInt(1), static_cast<uint64_t>(length) * 8));
  std::string out = magnitude_bytes_le(v, len);
  if (!little) std::reverse(out.begin(), out.end());
  return vm.new_bytes(std::move(out));
}

Value int_from_bytes(VM& vm, CallArgs& args) {
  if (args.size() > 2) {
    vm.type_error("from_bytes() takes at most 2 positional arguments (" +
                  std::to_string(args.size()) + " given)");
  }
  Value a[3];
  bind_args(vm, args, "from_bytes", {"bytes", "byteorder", "signed"}, 1, 0, a);
  bool little = parse_byteorder(vm, a[1], "from_bytes");
  bool is_signed = !a[2].is_undef() && vm.truthy(a[2]);
  std::string data;
  Value src = a[0];
  if (vm.is_kind(src, ObjKind::Bytes)) {
    data = vm.as<BytesObj>(src)->data;
  } else if (vm.is_str(src) || src.is_int() || src.is_float() || src.is_none() || src.is_bool() ||
             vm.is_bigint(src)) {
    vm.type_error("cannot convert '" + vm.type_name(src) + "' object to bytes");
  } else {
    Value it = vm.iter(src);
    Value item;
    while (vm.next(it, &item)) {
      int64_t b = vm.is_bigint(item) ? -1 : vm.to_index(item);
      if (b < 0 || b > 255) vm.value_error("bytes must be in range(0, 256)");
      data.push_back(static_cast<char>(b));
    }
  }
  if (!little) std::reverse(data.begin(), data.end());
  size_t n = data.size();
  if (n <= 7) {
    int64_t v = 0;
    for (size_t i = n; i-- > 0;) v = (v << 8) | static_cast<unsigned char>(data[i]);
    if (is_signed && n > 0 && (static_cast<unsigned char>(data[n - 1]) & 0x80))
      v -= int64_t{1} << (8 * n);
    return Value::integer(v);
  }
  std::vector<uint32_t> limbs((n + 3) / 4, 0);
  for (size_t i = 0; i < n; i++)
    limbs[i / 4] |= static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << (8 * (i % 4));
  while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
  BigInt v = BigInt::from_limbs(false, std::move(limbs));
  if (is_signed && (static_cast<unsigned char>(data[n - 1]) & 0x80)) {
    v = BigInt::sub(v, BigInt::shl(BigInt(1), static_cast<uint64_t>(n) * 8));
  }
  return vm.new_int(std::move(v));
}

Value int_from_bytes_on_class(VM& vm, CallArgs& args) {
  return subclass_result(vm, args.self, int_from_bytes(vm, args));
}

Value int_as_integer_ratio(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "as_integer_ratio", 0, 0);
  return vm.new_tuple({as_plain_int(args.self), Value::integer(1)});
}

Value int_conjugate(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "conjugate", 0, 0);
  return as_plain_int(args.self);
}

Value int_zero(VM&, CallArgs&) { return Value::integer(0); }
Value int_one(VM&, CallArgs&) { return Value::integer(1); }

const MethodDef kIntMethodTable[] = {
    {"bit_length", int_bit_length},
    {"bit_count", int_bit_count},
    {"to_bytes", int_to_bytes},
    {"from_bytes", int_from_bytes_on_class, MethodKind::Class},
    {"as_integer_ratio", int_as_integer_ratio},
    {"conjugate", int_conjugate},
    {"real", self_int, MethodKind::Getter},
    {"imag", int_zero, MethodKind::Getter},
    {"numerator", self_int, MethodKind::Getter},
    {"denominator", int_one, MethodKind::Getter},
};

}  // namespace

const std::span<const MethodDef> kIntMethods = kIntMethodTable;

}  // namespace monty
