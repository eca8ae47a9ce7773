// float: the constructor, repr, and the methods of float.
//
// Floats are IEEE doubles inline in Value. Text conversions (repr, parsing)
// come from support/numfmt; float.hex/fromhex are exact bit manipulations
// done here.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/types/registry.h"
#include "support/numfmt.h"

namespace monty {

std::string float_repr_value(double d) { return float_repr(d); }

namespace {

double float_from_text(VM& vm, std::string_view text, bool is_bytes) {
  std::optional<double> r = parse_float(text);
  if (!r) {
    vm.value_error("could not convert string to float: " +
                   (is_bytes ? bytes_repr(text) : str_repr(text)));
  }
  return *r;
}

double int_value_to_double(VM& vm, Value v) {
  if (v.is_int() || v.is_bool()) return static_cast<double>(v.i);
  Result<double> r = vm.as<BigIntObj>(v)->value.to_double();
  if (!r) vm.raise_error(r.error());
  return *r;
}

}  // namespace

Value construct_float(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "float");
  check_arg_count(vm, args, "float", 0, 1);
  if (args.size() == 0) return Value::floating(0.0);
  Value x = args[0];
  if (x.is_float()) return x;
  if (vm.is_integer(x)) return Value::floating(int_value_to_double(vm, x));
  if (vm.is_str(x)) return Value::floating(float_from_text(vm, vm.str_view(x), false));
  if (vm.is_kind(x, ObjKind::Bytes))
    return Value::floating(float_from_text(vm, vm.as<BytesObj>(x)->data, true));
  if (vm.is_kind(x, ObjKind::Instance)) {
    Value r = call_dunder(vm, x, "__float__");
    if (!r.is_undef()) {
      if (!r.is_float()) {
        vm.type_error(vm.type_name(x) + ".__float__ returned non-float (type " + vm.type_name(r) +
                      ")");
      }
      return r;
    }
    r = call_dunder(vm, x, "__index__");
    if (!r.is_undef()) {
      if (!vm.is_integer(r))
        vm.type_error("__index__ returned non-int (type " + vm.type_name(r) + ")");
      return Value::floating(int_value_to_double(vm, r));
    }
    // A subclass of float/int/str without those hooks: its value.
    Value inner = subclass_value(vm, x);
    if (!inner.is_undef()) {
      Value arg[1] = {inner};
      CallArgs ca;
      ca.pos = arg;
      return construct_float(vm, ca);
    }
  }
  vm.type_error("float() argument must be a string or a real number, not '" + vm.type_name(x) +
                "'");
}

namespace {

double self_float(CallArgs& args) { return args.self.f; }

Value float_is_integer(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "is_integer", 0, 0);
  double d = self_float(args);
  return Value::boolean(std::isfinite(d) && std::floor(d) == d);
}

Value float_as_integer_ratio(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "as_integer_ratio", 0, 0);
  double d = self_float(args);
  if (std::isnan(d)) vm.value_error("cannot convert NaN to integer ratio");
  if (std::isinf(d))
    vm.raise(BuiltinTypeId::OverflowError, "cannot convert Infinity to integer ratio");
  int exp = 0;
  double m = std::frexp(d, &exp);
  // Scale the mantissa up until it is integral; then it is odd (or zero),
  // so the ratio below is already in lowest terms.
  for (int i = 0; i < 300 && m != std::floor(m); i++) {
    m *= 2.0;
    exp--;
  }
  BigInt num = BigInt::from_double(m);
  BigInt den(1);
  if (exp > 0) {
    num = BigInt::shl(num, static_cast<uint64_t>(exp));
  } else {
    den = BigInt::shl(den, static_cast<uint64_t>(-exp));
  }
  return vm.new_tuple({vm.new_int(std::move(num)), vm.new_int(std::move(den))});
}

// float.hex(): '[-]0x<h>.<13 hex digits>p<exp>', normalized so the leading
// digit is 1 (0 for subnormals, which use the minimum exponent -1022).
Value float_hex(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "hex", 0, 0);
  double d = self_float(args);
  if (std::isnan(d)) return vm.new_str("nan");
  if (std::isinf(d)) return vm.new_str(d < 0 ? "-inf" : "inf");
  std::string out;
  if (std::signbit(d)) out.push_back('-');
  if (d == 0.0) {
    out += "0x0.0p+0";
    return vm.new_str(std::move(out));
  }
  int e = 0;
  double m = std::frexp(std::fabs(d), &e);  // m in [0.5, 1)
  int shift = 1 - std::max(DBL_MIN_EXP - e, 0);
  m = std::ldexp(m, shift);
  e -= shift;
  static constexpr char kHex[] = "0123456789abcdef";
  out += "0x";
  int lead = static_cast<int>(m);
  out.push_back(kHex[lead]);
  m -= lead;
  out.push_back('.');
  for (int i = 0; i < 13; i++) {  // (DBL_MANT_DIG - 1) / 4 digits
    m *= 16.0;
    int digit = static_cast<int>(m);
    out.push_back(kHex[digit]);
    m -= digit;
  }
  out.push_back('p');
  out.push_back(e < 0 ? '-' : '+');
  out += std::to_string(e < 0 ? -e : e);
  return vm.new_str(std::move(out));
}

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(c | 0x20);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool ieq_prefix(std::string_view s, size_t i, std::string_view word) {
  if (s.size() - i < word.size()) return false;
  for (size_t k = 0; k < word.size(); k++) {
    if ((s[i + k] | 0x20) != word[k]) return false;
  }
  return true;
}

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

[[noreturn]] void fromhex_invalid(VM& vm) {
  vm.value_error("invalid hexadecimal floating-point string");
}

// float.fromhex(s): exact parse with round-half-even to the nearest double,
// gradual underflow to subnormals, OverflowError past DBL_MAX.
Value float_fromhex(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "fromhex", 1, 1);
  if (!vm.is_str(args[0])) vm.type_error("bad argument type for built-in operation");
  std::string_view s = vm.str_view(args[0]);
  size_t i = 0, n = s.size();
  while (i < n && is_space(s[i])) i++;
  while (n > i && is_space(s[n - 1])) n--;
  s = s.substr(0, n);
  bool neg = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    i++;
  }
  if (ieq_prefix(s, i, "infinity") && n - i == 8)
    return Value::floating(neg ? -HUGE_VAL : HUGE_VAL);
  if (ieq_prefix(s, i, "inf") && n - i == 3) return Value::floating(neg ? -HUGE_VAL : HUGE_VAL);
  if (ieq_prefix(s, i, "nan") && n - i == 3) return Value::floating(neg ? -NAN : NAN);
  if (i + 1 < n && s[i] == '0' && (s[i + 1] | 0x20) == 'x') i += 2;
  // Mantissa digits, most significant first, leading zeros dropped.
  std::string digits;
  int64_t frac_digits = 0;
  size_t mant_chars = 0;
  bool seen_point = false;
  for (; i < n; i++) {
    char c = s[i];
    if (c == '.') {
      if (seen_point) fromhex_invalid(vm);
      seen_point = true;
      continue;
    }
    int v = hex_digit_value(c);
    if (v < 0) break;
    mant_chars++;
    if (seen_point) frac_digits++;
    if (digits.empty() && v == 0) continue;
    digits.push_back(static_cast<char>(v));
  }
  if (mant_chars == 0) fromhex_invalid(vm);
  // Trailing fractional zeros carry no value; dropping them bounds the work.
  int64_t exp = 0;
  if (i < n && (s[i] | 0x20) == 'p') {
    i++;
    bool eneg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
      eneg = s[i] == '-';
      i++;
    }
    if (i == n || s[i] < '0' || s[i] > '9') fromhex_invalid(vm);
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
      if (exp < (int64_t{1} << 40)) exp = exp * 10 + (s[i] - '0');  // saturates harmlessly
    }
    if (eneg) exp = -exp;
  }
  if (i != n) fromhex_invalid(vm);
  if (digits.empty()) return Value::floating(neg ? -0.0 : 0.0);
  // Value = D * 2**e2 with D the integer of `digits`.
  int64_t e2 = exp - 4 * frac_digits;
  // Drop trailing zero digits of D (they just move the exponent).
  while (digits.size() > 1 && digits.back() == 0) {
    digits.pop_back();
    e2 += 4;
  }
  int64_t bits = static_cast<int64_t>(digits.size()) * 4;
  int top = 0;
  for (int v = digits[0]; v; v >>= 1) top++;
  bits -= 4 - top;                  // bit length of D
  int64_t top_exp = bits - 1 + e2;  // D * 2**e2 is in [2**top_exp, 2**(top_exp+1))
  if (top_exp > DBL_MAX_EXP)
    vm.raise(BuiltinTypeId::OverflowError, "hexadecimal value too large to represent as a float");
  if (top_exp < DBL_MIN_EXP - DBL_MANT_DIG - 1) return Value::floating(neg ? -0.0 : 0.0);
  // Keep bits down to 2**lsb: 53 significant bits, or fewer for subnormals.
  int64_t lsb = std::max<int64_t>(top_exp - (DBL_MANT_DIG - 1), DBL_MIN_EXP - DBL_MANT_DIG);
  int64_t drop = lsb - e2;  // low bits of D to round away
  // Extract the kept bits (at most 54 with a guard bit) and a sticky bit.
  uint64_t kept = 0;
  bool half = false, sticky = false;
  for (int64_t bit = bits - 1; bit >= 0; bit--) {
    size_t digit_index = digits.size() - 1 - static_cast<size_t>(bit / 4);
    bool b = (digits[digit_index] >> (bit % 4)) & 1;
    if (bit >= drop) {
      kept = (kept << 1) | (b ? 1 : 0);
    } else if (bit == drop - 1) {
      half = b;
    } else if (b) {
      sticky = true;
      break;
    }
  }
  if (drop <= 0) {
    // Exact: D fits in 53 bits; value = D * 2**e2.
    double r = std::ldexp(static_cast<double>(kept), static_cast<int>(e2));
    return Value::floating(neg ? -r : r);
  }
  if (half && (sticky || (kept & 1))) kept++;
  double r = std::ldexp(static_cast<double>(kept), static_cast<int>(lsb));
  if (std::isinf(r))
    vm.raise(BuiltinTypeId::OverflowError, "hexadecimal value too large to represent as a float");
  return Value::floating(neg ? -r : r);
}

Value float_fromhex_on_class(VM& vm, CallArgs& args) {
  return subclass_result(vm, args.self, float_fromhex(vm, args));
}

Value float_conjugate(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "conjugate", 0, 0);
  return args.self;
}

Value float_real(VM&, CallArgs& args) { return args.self; }
Value float_imag(VM&, CallArgs&) { return Value::floating(0.0); }

const MethodDef kFloatMethodTable[] = {
    {"is_integer", float_is_integer},
    {"as_integer_ratio", float_as_integer_ratio},
    {"hex", float_hex},
    {"fromhex", float_fromhex_on_class, MethodKind::Class},
    {"conjugate", float_conjugate},
    {"real", float_real, MethodKind::Getter},
    {"imag", float_imag, MethodKind::Getter},
};

}  // namespace

const std::span<const MethodDef> kFloatMethods = kFloatMethodTable;

}  // namespace monty
