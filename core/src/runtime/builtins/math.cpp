// The math module: pure functions over <cmath> plus exact integer
// algorithms (gcd, isqrt, factorial, comb, perm) on BigInt.
//
// Error conventions follow CPython: a NaN result from a non-NaN argument is
// ValueError("math domain error"); an infinite result from finite arguments
// is OverflowError("math range error") for functions that can overflow and
// ValueError("math domain error") for the others (poles such as log(0)).
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;
constexpr double kE = 2.718281828459045235360287471352662498;

[[noreturn]] void domain_error(VM& vm) { vm.value_error("math domain error"); }
[[noreturn]] void range_error(VM& vm) {
  vm.raise(BuiltinTypeId::OverflowError, "math range error");
}

double num(VM& vm, Value v) {
  if (v.is_float()) return v.f;
  if (v.is_int()) return static_cast<double>(v.i);
  return vm.to_double(v);
}

// One-argument float function with CPython's error mapping.
Value math1(VM& vm, CallArgs& args, const char* name, double (*f)(double), bool can_overflow) {
  check_arg_count(vm, args, name, 1, 1);
  double x = num(vm, args[0]);
  double r = f(x);
  if (std::isnan(r) && !std::isnan(x)) domain_error(vm);
  if (std::isinf(r) && std::isfinite(x)) {
    if (can_overflow) range_error(vm);
    domain_error(vm);
  }
  return Value::floating(r);
}

#define MONTY_MATH1(pyname, cfn, overflow)                                     \
  Value m_##pyname(VM& vm, CallArgs& args) {                                   \
    return math1(                                                              \
        vm, args, "math." #pyname, [](double x) { return cfn(x); }, overflow); \
  }

MONTY_MATH1(sqrt, std::sqrt, false)
MONTY_MATH1(cbrt, std::cbrt, false)
MONTY_MATH1(exp, std::exp, true)
MONTY_MATH1(exp2, std::exp2, true)
MONTY_MATH1(expm1, std::expm1, true)
MONTY_MATH1(log1p, std::log1p, false)
MONTY_MATH1(sin, std::sin, false)
MONTY_MATH1(cos, std::cos, false)
MONTY_MATH1(tan, std::tan, false)
MONTY_MATH1(asin, std::asin, false)
MONTY_MATH1(acos, std::acos, false)
MONTY_MATH1(atan, std::atan, false)
MONTY_MATH1(sinh, std::sinh, true)
MONTY_MATH1(cosh, std::cosh, true)
MONTY_MATH1(tanh, std::tanh, false)
MONTY_MATH1(asinh, std::asinh, false)
MONTY_MATH1(acosh, std::acosh, false)
MONTY_MATH1(atanh, std::atanh, false)
MONTY_MATH1(erf, std::erf, false)
MONTY_MATH1(erfc, std::erfc, false)
MONTY_MATH1(fabs, std::fabs, false)

#undef MONTY_MATH1

Value m_degrees(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.degrees", 1, 1);
  return Value::floating(num(vm, args[0]) * (180.0 / kPi));
}

Value m_radians(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.radians", 1, 1);
  return Value::floating(num(vm, args[0]) * (kPi / 180.0));
}

Value m_isfinite(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.isfinite", 1, 1);
  return Value::boolean(std::isfinite(num(vm, args[0])));
}

Value m_isinf(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.isinf", 1, 1);
  return Value::boolean(std::isinf(num(vm, args[0])));
}

Value m_isnan(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.isnan", 1, 1);
  return Value::boolean(std::isnan(num(vm, args[0])));
}

// ---- logarithms ---------------------------------------------------------------

// x = m * 2**e with m in [0.5, 1), correctly rounded, for a positive BigInt
// too large for a double.
double bigint_frexp(const BigInt& x, int64_t* e) {
  int64_t bits = x.bit_length();
  int64_t shift = bits - 55;  // keep 55 bits: 53 + guard + sticky
  const std::vector<uint32_t>& limbs = x.limbs();
  uint64_t q = 0;
  for (int64_t b = bits - 1; b >= shift; b--) {
    uint64_t bit = (limbs[static_cast<size_t>(b / 32)] >> (b % 32)) & 1;
    q = (q << 1) | bit;
  }
  bool sticky = false;
  size_t full = static_cast<size_t>(shift / 32);
  for (size_t i = 0; i < full && !sticky; i++) sticky = limbs[i] != 0;
  if (!sticky && shift % 32 != 0) sticky = (limbs[full] & ((uint32_t{1} << (shift % 32)) - 1)) != 0;
  if (sticky) q |= 1;
  double m = std::ldexp(static_cast<double>(q), -55);
  *e = bits;
  if (m == 1.0) {
    m = 0.5;
    *e += 1;
  }
  return m;
}

// log-family helper: ints of any size (through frexp when they overflow a
// double), floats via `f`, domain errors for non-positive arguments.
double log_of(VM& vm, Value v, double (*f)(double)) {
  if (vm.is_integer(v)) {
    BigInt b = int_to_bigint(vm, v);
    if (b.sign() <= 0) domain_error(vm);
    if (v.is_int() || v.is_bool()) return f(static_cast<double>(v.i));
    Result<double> d = b.to_double();
    if (d) return f(*d);
    int64_t e = 0;
    double m = bigint_frexp(b, &e);
    return f(m) + f(2.0) * static_cast<double>(e);
  }
  double x = num(vm, v);
  if (std::isnan(x)) return x;
  if (x <= 0) domain_error(vm);
  return f(x);
}

double c_log(double x) { return std::log(x); }
double c_log2(double x) { return std::log2(x); }
double c_log10(double x) { return std::log10(x); }

Value m_log(VM& vm, CallArgs& args) {
  if (args.size() < 1 || args.size() > 2) vm.type_error("math.log requires 1 to 2 arguments");
  check_no_kwargs(vm, args, "math.log");
  double n = log_of(vm, args[0], c_log);
  if (args.size() == 1) return Value::floating(n);
  double d = log_of(vm, args[1], c_log);
  if (d == 0.0) vm.raise(BuiltinTypeId::ZeroDivisionError, "float division by zero");
  return Value::floating(n / d);
}

Value m_log2(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.log2", 1, 1);
  return Value::floating(log_of(vm, args[0], c_log2));
}

Value m_log10(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.log10", 1, 1);
  return Value::floating(log_of(vm, args[0], c_log10));
}

// ---- two-argument float functions -----------------------------------------------

Value m_pow(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "pow", 2, 2);
  double x = num(vm, args[0]), y = num(vm, args[1]);
  double r;
  if (!std::isfinite(x) || !std::isfinite(y)) {
    // C99 Annex F special values, spelled out as CPython does.
    if (std::isnan(x)) {
      r = y == 0.0 ? 1.0 : x;
    } else if (std::isnan(y)) {
      r = x == 1.0 ? 1.0 : y;
    } else if (std::isinf(x)) {
      bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
      if (y > 0.0) {
        r = odd_y ? x : std::fabs(x);
      } else if (y == 0.0) {
        r = 1.0;
      } else {
        r = odd_y ? std::copysign(0.0, x) : 0.0;
      }
    } else {  // y infinite, x finite
      if (std::fabs(x) == 1.0) {
        r = 1.0;
      } else if (y > 0.0 && std::fabs(x) > 1.0) {
        r = y;
      } else if (y < 0.0 && std::fabs(x) < 1.0) {
        r = -y;
      } else {
        r = 0.0;
      }
    }
    return Value::floating(r);
  }
  r = std::pow(x, y);
  if (std::isnan(r)) domain_error(vm);
  if (std::isinf(r)) {
    if (x == 0.0) domain_error(vm);
    range_error(vm);
  }
  return Value::floating(r);
}

Value m_atan2(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "atan2", 2, 2);
  return Value::floating(std::atan2(num(vm, args[0]), num(vm, args[1])));
}

Value m_copysign(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "copysign", 2, 2);
  return Value::floating(std::copysign(num(vm, args[0]), num(vm, args[1])));
}

Value m_fmod(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "fmod", 2, 2);
  double x = num(vm, args[0]), y = num(vm, args[1]);
  if (std::isinf(y) && std::isfinite(x)) return Value::floating(x);
  double r = std::fmod(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) domain_error(vm);
  return Value::floating(r);
}

Value m_remainder(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "remainder", 2, 2);
  double x = num(vm, args[0]), y = num(vm, args[1]);
  if (std::isnan(x)) return Value::floating(x);
  if (std::isnan(y)) return Value::floating(y);
  if (std::isinf(x) || y == 0.0) domain_error(vm);
  if (std::isinf(y)) return Value::floating(x);
  return Value::floating(std::remainder(x, y));
}

Value m_nextafter(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "nextafter", 2, 2);
  return Value::floating(std::nextafter(num(vm, args[0]), num(vm, args[1])));
}

Value m_ulp(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.ulp", 1, 1);
  double x = num(vm, args[0]);
  if (std::isnan(x)) return Value::floating(x);
  x = std::fabs(x);
  if (std::isinf(x)) return Value::floating(x);
  double up = std::nextafter(x, HUGE_VAL);
  if (std::isinf(up)) return Value::floating(x - std::nextafter(x, -HUGE_VAL));
  return Value::floating(up - x);
}

Value m_modf(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.modf", 1, 1);
  double x = num(vm, args[0]);
  if (std::isinf(x))
    return vm.new_tuple({Value::floating(std::copysign(0.0, x)), Value::floating(x)});
  double ip = 0;
  double fp = std::modf(x, &ip);
  return vm.new_tuple({Value::floating(fp), Value::floating(ip)});
}

Value m_frexp(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.frexp", 1, 1);
  double x = num(vm, args[0]);
  if (std::isnan(x) || std::isinf(x) || x == 0.0)
    return vm.new_tuple({Value::floating(x), Value::integer(0)});
  int e = 0;
  double m = std::frexp(x, &e);
  return vm.new_tuple({Value::floating(m), Value::integer(e)});
}

Value m_ldexp(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "ldexp", 2, 2);
  double x = num(vm, args[0]);
  Value iv = args[1];
  if (!vm.is_integer(iv)) vm.type_error("Expected an int as second argument to ldexp.");
  int64_t e;
  if (vm.is_bigint(iv)) {
    e = vm.as<BigIntObj>(iv)->value.is_negative() ? INT64_MIN : INT64_MAX;
  } else {
    e = iv.i;
  }
  if (x == 0.0 || !std::isfinite(x)) return Value::floating(x);
  if (e > 100000) range_error(vm);
  double r = e < -100000 ? std::copysign(0.0, x) : std::ldexp(x, static_cast<int>(e));
  if (std::isinf(r)) range_error(vm);
  return Value::floating(r);
}

Value m_isclose(VM& vm, CallArgs& args) {
  if (args.size() > 2) {
    vm.type_error("isclose() takes exactly 2 positional arguments (" + std::to_string(args.size()) +
                  " given)");
  }
  Value a[4];
  bind_args(vm, args, "isclose", {"a", "b", "rel_tol", "abs_tol"}, 2, 0, a);
  double x = num(vm, a[0]), y = num(vm, a[1]);
  double rel_tol = a[2].is_undef() ? 1e-09 : num(vm, a[2]);
  double abs_tol = a[3].is_undef() ? 0.0 : num(vm, a[3]);
  if (rel_tol < 0.0 || abs_tol < 0.0) vm.value_error("tolerances must be non-negative");
  if (x == y) return Value::boolean(true);
  if (std::isinf(x) || std::isinf(y)) return Value::boolean(false);
  double diff = std::fabs(y - x);
  return Value::boolean(diff <= std::fabs(rel_tol * y) || diff <= std::fabs(rel_tol * x) ||
                        diff <= abs_tol);
}

// ---- hypot / dist: accurate Euclidean norm ---------------------------------------

// Norm of non-negative finite values whose maximum is `max`. The squares
// are formed exactly (fma), summed with error terms against a 1.0 bias that
// keeps the fast two-sum valid, then one differential-correction step
// brings the square root to (nearly always) correct rounding.
double vector_norm(std::vector<double>& v, double max, bool found_nan) {
  if (std::isinf(max)) return max;
  if (found_nan) return NAN;
  if (max == 0.0 || v.size() <= 1) return max;
  int max_e = 0;
  std::frexp(max, &max_e);
  if (max_e < -1023) {
    // ldexp(1.0, -max_e) would overflow: lift subnormals into the normal range.
    for (double& x : v) x /= DBL_MIN;
    return DBL_MIN * vector_norm(v, max / DBL_MIN, false);
  }
  double scale = std::ldexp(1.0, -max_e);
  double csum = 1.0, frac1 = 0.0, frac2 = 0.0;
  for (double x : v) {
    x *= scale;
    double sq = x * x;
    double sq_lo = std::fma(x, x, -sq);
    double hi = csum + sq;
    frac2 += (csum - hi) + sq;
    csum = hi;
    frac1 += sq_lo;
  }
  double h = std::sqrt(csum - 1.0 + (frac1 + frac2));
  double pr = -h * h;
  double pr_lo = std::fma(-h, h, -pr);
  double hi = csum + pr;
  frac2 += (csum - hi) + pr;
  csum = hi;
  frac1 += pr_lo;
  double x = csum - 1.0 + (frac1 + frac2);
  h += x / (2.0 * h);
  return h / scale;
}

Value m_hypot(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "math.hypot");
  std::vector<double> v;
  v.reserve(args.size());
  double max = 0.0;
  bool found_nan = false;
  for (size_t i = 0; i < args.size(); i++) {
    double x = std::fabs(num(vm, args[i]));
    found_nan |= std::isnan(x);
    if (x > max) max = x;
    v.push_back(x);
  }
  return Value::floating(vector_norm(v, max, found_nan));
}

Value m_dist(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "dist", 2, 2);
  std::vector<Value> p = vm.to_vector(args[0]);
  std::vector<Value> q = vm.to_vector(args[1]);
  if (p.size() != q.size()) vm.value_error("both points must have the same number of dimensions");
  std::vector<double> v;
  v.reserve(p.size());
  double max = 0.0;
  bool found_nan = false;
  for (size_t i = 0; i < p.size(); i++) {
    double x = std::fabs(num(vm, p[i]) - num(vm, q[i]));
    found_nan |= std::isnan(x);
    if (x > max) max = x;
    v.push_back(x);
  }
  return Value::floating(vector_norm(v, max, found_nan));
}

// ---- fsum: exact sum (Shewchuk's partials), correctly rounded ---------------------

Value m_fsum(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.fsum", 1, 1);
  // Non-overlapping partials in increasing magnitude; their exact sum is
  // the exact sum of the items seen so far.
  std::vector<double> partials;
  double special_sum = 0.0, inf_sum = 0.0;
  Value it = vm.iter(args[0]);
  Value item;
  while (vm.next(it, &item)) {
    double x = num(vm, item);
    double original = x;
    size_t kept = 0;
    for (size_t j = 0; j < partials.size(); j++) {
      double y = partials[j];
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) partials[kept++] = lo;
      x = hi;
    }
    partials.resize(kept);
    if (x == 0.0) continue;
    if (!std::isfinite(x)) {
      // Either an inf/nan item, or finite items whose sum overflowed.
      if (std::isfinite(original))
        vm.raise(BuiltinTypeId::OverflowError, "intermediate overflow in fsum");
      if (std::isinf(original)) inf_sum += original;
      special_sum += original;
      partials.clear();
    } else {
      partials.push_back(x);
    }
  }
  if (special_sum != 0.0) {
    if (std::isnan(inf_sum)) vm.value_error("-inf + inf in fsum");
    return Value::floating(special_sum);
  }
  double hi = 0.0;
  size_t n = partials.size();
  if (n > 0) {
    hi = partials[--n];
    double lo = 0.0;
    // Add from the top until the sum is inexact.
    while (n > 0) {
      double x = hi;
      double y = partials[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    // Round half to even across the remaining partials: if the rest has the
    // same sign as lo, the true sum is past the halfway point.
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) hi = x;
    }
  }
  return Value::floating(hi);
}

// ---- rounding to int ------------------------------------------------------------

Value round_to_int(VM& vm, CallArgs& args, const char* name, const char* dunder,
                   double (*f)(double)) {
  check_arg_count(vm, args, name, 1, 1);
  Value x = args[0];
  if (x.is_float()) return float_to_int(vm, f(x.f));
  if (x.is_int() || vm.is_bigint(x)) return x;
  if (x.is_bool()) return Value::integer(x.i);
  if (vm.is_kind(x, ObjKind::Instance)) {
    Value r = call_dunder(vm, x, dunder);
    if (!r.is_undef()) return r;
  }
  return float_to_int(vm, f(vm.to_double(x)));
}

double c_floor(double x) { return std::floor(x); }
double c_ceil(double x) { return std::ceil(x); }

Value m_floor(VM& vm, CallArgs& args) {
  return round_to_int(vm, args, "math.floor", "__floor__", c_floor);
}
Value m_ceil(VM& vm, CallArgs& args) {
  return round_to_int(vm, args, "math.ceil", "__ceil__", c_ceil);
}

Value m_trunc(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.trunc", 1, 1);
  Value x = args[0];
  if (x.is_float()) return float_to_int(vm, std::trunc(x.f));
  if (x.is_int() || vm.is_bigint(x)) return x;
  if (x.is_bool()) return Value::integer(x.i);
  if (vm.is_kind(x, ObjKind::Instance)) {
    Value r = call_dunder(vm, x, "__trunc__");
    if (!r.is_undef()) return r;
  }
  vm.type_error("type " + vm.type_name(x) + " doesn't define __trunc__ method");
}

// ---- integer functions ------------------------------------------------------------

uint64_t magnitude(int64_t v) {
  return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
}

uint64_t gcd_u64(uint64_t a, uint64_t b) {
  while (b != 0) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

Value u64_value(VM& vm, uint64_t v) {
  if (v <= static_cast<uint64_t>(INT64_MAX)) return Value::integer(static_cast<int64_t>(v));
  return vm.new_int(BigInt::from_uint64(v));
}

Value m_gcd(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "math.gcd");
  Value acc = Value::integer(0);
  for (size_t i = 0; i < args.size(); i++) {
    Value v = to_int_index(vm, args[i]);
    if (acc.is_int() && v.is_int()) {
      acc = u64_value(vm, gcd_u64(magnitude(acc.i), magnitude(v.i)));
    } else {
      acc = vm.new_int(BigInt::gcd(int_to_bigint(vm, acc), int_to_bigint(vm, v), vm.work_meter()));
    }
  }
  return acc;
}

Value m_lcm(VM& vm, CallArgs& args) {
  check_no_kwargs(vm, args, "math.lcm");
  Value acc = Value::integer(1);
  for (size_t i = 0; i < args.size(); i++) {
    Value v = to_int_index(vm, args[i]);
    if (acc.is_int() && v.is_int()) {
      uint64_t a = magnitude(acc.i), b = magnitude(v.i);
      if (a == 0 || b == 0) {
        acc = Value::integer(0);
        continue;
      }
      unsigned __int128 l = static_cast<unsigned __int128>(a / gcd_u64(a, b)) * b;
      if (l <= static_cast<unsigned __int128>(INT64_MAX)) {
        acc = Value::integer(static_cast<int64_t>(l));
        continue;
      }
    }
    BigInt a = BigInt::abs(int_to_bigint(vm, acc)), b = BigInt::abs(int_to_bigint(vm, v));
    if (a.is_zero() || b.is_zero()) {
      acc = Value::integer(0);
      continue;
    }
    auto q = BigInt::floordiv(a, BigInt::gcd(a, b, vm.work_meter()), vm.work_meter());
    if (!q) vm.raise_error(q.error());
    acc = vm.new_int(BigInt::mul(*q, b, vm.work_meter()));
  }
  return acc;
}

Value m_isqrt(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.isqrt", 1, 1);
  Value v = to_int_index(vm, args[0]);
  if (v.is_int()) {
    if (v.i < 0) vm.value_error("isqrt() argument must be nonnegative");
    uint64_t n = static_cast<uint64_t>(v.i);
    uint64_t r = static_cast<uint64_t>(std::sqrt(static_cast<double>(n)));
    // The double estimate is within one of the answer; fix it up exactly.
    while (r > 0 && static_cast<unsigned __int128>(r) * r > n) r--;
    while (static_cast<unsigned __int128>(r + 1) * (r + 1) <= n) r++;
    return Value::integer(static_cast<int64_t>(r));
  }
  const BigInt& b = vm.as<BigIntObj>(v)->value;
  if (b.is_negative()) vm.value_error("isqrt() argument must be nonnegative");
  return vm.new_int(BigInt::isqrt(b, vm.work_meter()));
}

// Product of the `count` consecutive integers lo, lo+1, ... (binary
// splitting keeps the operands balanced, which the multiplication likes).
BigInt range_product(const BigInt& lo, uint64_t count, WorkMeter* meter) {
  if (count == 0) return BigInt(1);
  if (lo.fits_int64()) {
    int64_t l = lo.to_int64();
    if (l > 0 && count <= 16 && l <= INT64_MAX / 4) {
      // Multiply small factors in machine words while they fit.
      unsigned __int128 acc = 1;
      uint64_t i = 0;
      BigInt out(1);
      for (; i < count; i++) {
        unsigned __int128 next = acc * static_cast<uint64_t>(l + static_cast<int64_t>(i));
        if (next > static_cast<unsigned __int128>(UINT64_MAX)) {
          out = BigInt::mul(out, BigInt::from_uint64(static_cast<uint64_t>(acc)), meter);
          acc = static_cast<uint64_t>(l + static_cast<int64_t>(i));
        } else {
          acc = next;
        }
      }
      return BigInt::mul(out, BigInt::from_uint64(static_cast<uint64_t>(acc)), meter);
    }
  }
  if (count == 1) return lo;
  uint64_t half = count / 2;
  BigInt left = range_product(lo, half, meter);
  BigInt right = range_product(BigInt::add(lo, BigInt::from_uint64(half)), count - half, meter);
  return BigInt::mul(left, right, meter);
}

// Bytes a product of `count` factors below 2**bits may need.
void check_product_size(VM& vm, uint64_t count, int64_t bits) {
  long double total = static_cast<long double>(count) * static_cast<long double>(bits) / 8.0L;
  vm.check_alloc(total > 1e18L ? static_cast<uint64_t>(1e18) : static_cast<uint64_t>(total));
}

Value m_factorial(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "math.factorial", 1, 1);
  Value v = to_int_index(vm, args[0]);
  if (vm.is_bigint(v)) {
    if (vm.as<BigIntObj>(v)->value.is_negative())
      vm.value_error("factorial() not defined for negative values");
    vm.raise(BuiltinTypeId::OverflowError,
             "factorial() argument should not exceed 9223372036854775807");
  }
  if (v.i < 0) vm.value_error("factorial() not defined for negative values");
  if (v.i <= 20) {
    int64_t r = 1;
    for (int64_t i = 2; i <= v.i; i++) r *= i;
    return Value::integer(r);
  }
  uint64_t n = static_cast<uint64_t>(v.i);
  // log2(n!) < n * log2(n)
  check_product_size(vm, n, 64 - __builtin_clzll(n));
  return vm.new_int(range_product(BigInt(1), n, vm.work_meter()));
}

// comb/perm argument: a non-negative int (small or big).
Value nonneg_int_arg(VM& vm, Value v, const char* what) {
  Value r = to_int_index(vm, v);
  bool neg = r.is_int() ? r.i < 0 : vm.as<BigIntObj>(r)->value.is_negative();
  if (neg) vm.value_error(std::string(what) + " must be a non-negative integer");
  return r;
}

// n!/(n-k)! (perm) or n!/(k!(n-k)!) (comb) for 0 <= k <= n.
Value comb_perm(VM& vm, Value nv, Value kv, bool is_comb) {
  BigInt n = int_to_bigint(vm, nv), k = int_to_bigint(vm, kv);
  if (BigInt::compare(k, n) > 0) return Value::integer(0);
  if (is_comb) {
    BigInt nk = BigInt::sub(n, k);
    if (BigInt::compare(nk, k) < 0) k = nk;
  }
  if (!k.fits_int64()) {
    vm.raise(BuiltinTypeId::OverflowError,
             std::string(is_comb ? "min(n - k, k)" : "k") + " must not exceed 9223372036854775807");
  }
  uint64_t kk = static_cast<uint64_t>(k.to_int64());
  if (kk == 0) return Value::integer(1);
  // Small fast path: the running product stays exact in 128 bits.
  if (n.fits_int64()) {
    uint64_t nn = static_cast<uint64_t>(n.to_int64());
    unsigned __int128 acc = 1;
    bool ok = true;
    for (uint64_t i = 0; i < kk; i++) {
      acc *= nn - i;
      if (is_comb) acc /= i + 1;  // exact: C(nn, i+1) * ... stays integral
      if (acc > static_cast<unsigned __int128>(UINT64_MAX) >> 1) {
        ok = false;
        break;
      }
    }
    if (ok) return u64_value(vm, static_cast<uint64_t>(acc));
  }
  check_product_size(vm, kk, n.bit_length());
  BigInt top = range_product(BigInt::add(BigInt::sub(n, k), BigInt(1)), kk, vm.work_meter());
  if (!is_comb) return vm.new_int(std::move(top));
  auto q = BigInt::floordiv(top, range_product(BigInt(1), kk, vm.work_meter()), vm.work_meter());
  if (!q) vm.raise_error(q.error());
  return vm.new_int(std::move(*q));
}

Value m_comb(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "comb", 2, 2);
  Value n = nonneg_int_arg(vm, args[0], "n");
  Value k = nonneg_int_arg(vm, args[1], "k");
  return comb_perm(vm, n, k, true);
}

Value m_perm(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "perm", 1, 2);
  Value n = nonneg_int_arg(vm, args[0], "n");
  if (args.size() == 1 || args[1].is_none()) {
    CallArgs fa{Value(), std::span<const Value>(&n, 1), {}, {}};
    return m_factorial(vm, fa);
  }
  Value k = nonneg_int_arg(vm, args[1], "k");
  return comb_perm(vm, n, k, false);
}

Value m_prod(VM& vm, CallArgs& args) {
  if (args.size() != 1) {
    vm.type_error("prod() takes exactly 1 positional argument (" + std::to_string(args.size()) +
                  " given)");
  }
  Value a[2];
  bind_args(vm, args, "prod", {"iterable", "start"}, 1, 1, a);
  Value result = a[1].is_undef() ? Value::integer(1) : a[1];
  Value it = vm.iter(a[0]);
  Value item;
  if (result.is_int() || result.is_bool()) {
    int64_t acc = result.i;
    for (;;) {
      if (!vm.next(it, &item)) return Value::integer(acc);
      int64_t t;
      if ((item.is_int() || item.is_bool()) && !__builtin_mul_overflow(acc, item.i, &t)) {
        acc = t;
        continue;
      }
      result = vm.binary_op(BinOp::Mul, Value::integer(acc), item);
      break;
    }
  }
  if (result.is_float()) {
    double f = result.f;
    for (;;) {
      if (!vm.next(it, &item)) return Value::floating(f);
      if (item.is_float()) {
        f *= item.f;
        continue;
      }
      if (item.is_int() || item.is_bool()) {
        f *= static_cast<double>(item.i);
        continue;
      }
      result = vm.binary_op(BinOp::Mul, Value::floating(f), item);
      break;
    }
  }
  while (vm.next(it, &item)) result = vm.binary_op(BinOp::Mul, result, item);
  return result;
}

const BuiltinFnDef kMathFunctionTable[] = {
    {"acos", m_acos, "math"},
    {"acosh", m_acosh, "math"},
    {"asin", m_asin, "math"},
    {"asinh", m_asinh, "math"},
    {"atan", m_atan, "math"},
    {"atan2", m_atan2, "math"},
    {"atanh", m_atanh, "math"},
    {"cbrt", m_cbrt, "math"},
    {"ceil", m_ceil, "math"},
    {"comb", m_comb, "math"},
    {"copysign", m_copysign, "math"},
    {"cos", m_cos, "math"},
    {"cosh", m_cosh, "math"},
    {"degrees", m_degrees, "math"},
    {"dist", m_dist, "math"},
    {"erf", m_erf, "math"},
    {"erfc", m_erfc, "math"},
    {"exp", m_exp, "math"},
    {"exp2", m_exp2, "math"},
    {"expm1", m_expm1, "math"},
    {"fabs", m_fabs, "math"},
    {"factorial", m_factorial, "math"},
    {"floor", m_floor, "math"},
    {"fmod", m_fmod, "math"},
    {"frexp", m_frexp, "math"},
    {"fsum", m_fsum, "math"},
    {"gcd", m_gcd, "math"},
    {"hypot", m_hypot, "math"},
    {"isclose", m_isclose, "math"},
    {"isfinite", m_isfinite, "math"},
    {"isinf", m_isinf, "math"},
    {"isnan", m_isnan, "math"},
    {"isqrt", m_isqrt, "math"},
    {"lcm", m_lcm, "math"},
    {"ldexp", m_ldexp, "math"},
    {"log", m_log, "math"},
    {"log10", m_log10, "math"},
    {"log1p", m_log1p, "math"},
    {"log2", m_log2, "math"},
    {"modf", m_modf, "math"},
    {"nextafter", m_nextafter, "math"},
    {"perm", m_perm, "math"},
    {"pow", m_pow, "math"},
    {"prod", m_prod, "math"},
    {"radians", m_radians, "math"},
    {"remainder", m_remainder, "math"},
    {"sin", m_sin, "math"},
    {"sinh", m_sinh, "math"},
    {"sqrt", m_sqrt, "math"},
    {"tan", m_tan, "math"},
    {"tanh", m_tanh, "math"},
    {"trunc", m_trunc, "math"},
    {"ulp", m_ulp, "math"},
};

}  // namespace

const std::span<const BuiltinFnDef> kMathFunctions = kMathFunctionTable;

void init_math_module(VM& vm, ModuleObj* module) {
  module->attrs.set(vm, vm.new_str("pi"), Value::floating(kPi));
  module->attrs.set(vm, vm.new_str("e"), Value::floating(kE));
  module->attrs.set(vm, vm.new_str("tau"), Value::floating(2.0 * kPi));
  module->attrs.set(vm, vm.new_str("inf"), Value::floating(HUGE_VAL));
  module->attrs.set(vm, vm.new_str("nan"), Value::floating(NAN));
}

}  // namespace monty
