// The builtin functions (abs, len, print, ...). Builtin *types* (int, str,
// list, enumerate, zip, ...) are not here: they are callable types with
// constructors (see registry.h).
//
// Messages follow CPython 3.11 word for word; fast paths cover small ints,
// floats and lists, and everything else goes through the VM's protocols,
// which may run Python code (so no pointers into containers are kept across
// such calls).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/types/registry.h"
#include "support/numfmt.h"

namespace monty {

Value call_dunder(VM& vm, Value obj, std::string_view name, std::span<const Value> args) {
  Value f = vm.lookup_special(obj, name);
  if (f.is_undef()) return Value();
  if (vm.is_kind(f, ObjKind::Function)) {
    // A plain function found on the class: pass obj as self.
    Value buf[8];
    if (args.size() < 8) {
      buf[0] = obj;
      for (size_t i = 0; i < args.size(); i++) buf[i + 1] = args[i];
      return vm.call(f, std::span<const Value>(buf, args.size() + 1));
    }
    std::vector<Value> full;
    full.reserve(args.size() + 1);
    full.push_back(obj);
    full.insert(full.end(), args.begin(), args.end());
    return vm.call(f, full);
  }
  if (vm.is_kind(f, ObjKind::BoundMethod) || vm.is_kind(f, ObjKind::BuiltinMethod))
    return vm.call(f, args);
  // Descriptors (staticmethod, classmethod, ...): let attribute lookup bind.
  return vm.call_method(obj, name, args);
}

Value to_int_index(VM& vm, Value v) {
  if (v.is_int() || vm.is_bigint(v)) return v;
  if (v.is_bool()) return Value::integer(v.i);
  if (vm.is_kind(v, ObjKind::Instance)) {
    Value r = call_dunder(vm, v, "__index__");
    if (!r.is_undef()) {
      if (!vm.is_integer(r))
        vm.type_error("__index__ returned non-int (type " + vm.type_name(r) + ")");
      return r.is_bool() ? Value::integer(r.i) : r;
    }
    Value inner = subclass_value(vm, v);  // a subclass of int
    if (vm.is_integer(inner)) return to_int_index(vm, inner);
  }
  vm.type_error("'" + vm.type_name(v) + "' object cannot be interpreted as an integer");
}

// callable(v); also what partial() checks its function with.
bool is_callable(VM& vm, Value v) {
  switch (v.tag) {
    case Tag::BuiltinFn:
    case Tag::Type:
      return true;
    case Tag::Obj:
      switch (vm.kind(v)) {
        case ObjKind::Function:
        case ObjKind::BoundMethod:
        case ObjKind::BuiltinMethod:
        case ObjKind::Class:
        case ObjKind::StaticMethod:
        case ObjKind::Partial:
        case ObjKind::LruCache:
        case ObjKind::KeyWrapper:
          return true;
        case ObjKind::Instance:
          return !vm.lookup_special(v, "__call__").is_undef();
        default:
          return false;
      }
    default:
      return false;
  }
}

namespace {

bool is_number(VM& vm, Value v) {
  return v.is_int() || v.is_bool() || v.is_float() || vm.is_bigint(v);
}

bool is_not_implemented(VM& vm, Value v) {
  return !v.is_undef() && vm.builtin_type(v) == BuiltinTypeId::NotImplementedType;
}

[[noreturn]] void raise_stop_iteration(VM& vm) {
  vm.raise(vm.new_exception(Value::type(static_cast<uint32_t>(BuiltinTypeId::StopIteration)), {}));
}

std::string int_in_base(VM& vm, Value v, int base, const char* prefix) {
  std::string out;
  if (v.is_int()) {
    uint64_t m = v.i < 0 ? 0 - static_cast<uint64_t>(v.i) : static_cast<uint64_t>(v.i);
    char buf[72];
    size_t n = 0;
    do {
      buf[n++] = "0123456789abcdef"[m % static_cast<uint64_t>(base)];
      m /= static_cast<uint64_t>(base);
    } while (m != 0);
    if (v.i < 0) out.push_back('-');
    out += prefix;
    while (n > 0) out.push_back(buf[--n]);
    return out;
  }
  std::string digits = vm.as<BigIntObj>(v)->value.to_string(base);
  if (digits[0] == '-') {
    out = "-";
    out += prefix;
    out.append(digits, 1, std::string::npos);
  } else {
    out = prefix;
    out += digits;
  }
  return out;
}

// ---- numbers ------------------------------------------------------------------

Value bi_abs(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "abs", 1, 1);
  Value x = args[0];
  if (x.is_int()) {
    if (x.i == INT64_MIN) return vm.new_int(BigInt::neg(BigInt(x.i)));
    return Value::integer(x.i < 0 ? -x.i : x.i);
  }
  if (x.is_float()) return Value::floating(std::fabs(x.f));
  if (x.is_bool()) return Value::integer(x.i);
  if (vm.is_bigint(x)) {
    const BigInt& b = vm.as<BigIntObj>(x)->value;
    return b.is_negative() ? vm.new_int(BigInt::neg(b)) : x;
  }
  if (vm.is_kind(x, ObjKind::Instance)) {
    Value r = call_dunder(vm, x, "__abs__");
    if (!r.is_undef()) return r;
    Value inner = subclass_value(vm, x);  // int/float subclass: its value's abs
    if (vm.is_integer(inner) || inner.is_float()) {
      Value arg[1] = {inner};
      CallArgs ca;
      ca.pos = arg;
      return bi_abs(vm, ca);
    }
  }
  vm.type_error("bad operand type for abs(): '" + vm.type_name(x) + "'");
}

Value bi_bin(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "bin", 1, 1);
  return vm.new_str(int_in_base(vm, to_int_index(vm, args[0]), 2, "0b"));
}

Value bi_oct(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "oct", 1, 1);
  return vm.new_str(int_in_base(vm, to_int_index(vm, args[0]), 8, "0o"));
}

Value bi_hex(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "hex", 1, 1);
  return vm.new_str(int_in_base(vm, to_int_index(vm, args[0]), 16, "0x"));
}

// Python's float divmod: the quotient is floored, the remainder has the
// sign of the divisor, and zeros keep the signs CPython gives them.
Value float_divmod(VM& vm, double x, double y) {
  if (y == 0.0) vm.raise(BuiltinTypeId::ZeroDivisionError, "float divmod()");
  double mod = std::fmod(x, y);
  double div = (x - mod) / y;
  if (mod != 0.0) {
    if ((y < 0) != (mod < 0)) {
      mod += y;
      div -= 1.0;
    }
  } else {
    mod = std::copysign(0.0, y);
  }
  double floordiv;
  if (div != 0.0) {
    floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = std::copysign(0.0, x / y);
  }
  return vm.new_tuple({Value::floating(floordiv), Value::floating(mod)});
}

double number_to_double(VM& vm, Value v) {
  if (v.is_float()) return v.f;
  if (v.is_int() || v.is_bool()) return static_cast<double>(v.i);
  Result<double> r = vm.as<BigIntObj>(v)->value.to_double();
  if (!r) vm.raise_error(r.error());
  return *r;
}

Value bi_divmod(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "divmod", 2, 2);
  Value a = args[0], b = args[1];
  if ((a.is_int() || a.is_bool()) && (b.is_int() || b.is_bool())) {
    int64_t x = a.i, y = b.i;
    if (y == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "integer division or modulo by zero");
    if (!(x == INT64_MIN && y == -1)) {
      int64_t q = x / y, r = x % y;
      if (r != 0 && ((r < 0) != (y < 0))) {
        q -= 1;
        r += y;
      }
      return vm.new_tuple({Value::integer(q), Value::integer(r)});
    }
  }
  if (is_number(vm, a) && is_number(vm, b)) {
    if (a.is_float() || b.is_float())
      return float_divmod(vm, number_to_double(vm, a), number_to_double(vm, b));
    auto r = BigInt::divmod(int_to_bigint(vm, a), int_to_bigint(vm, b), vm.work_meter());
    if (!r) vm.raise_error(r.error());
    return vm.new_tuple({vm.new_int(std::move(r->first)), vm.new_int(std::move(r->second))});
  }
  if (vm.is_kind(a, ObjKind::Instance)) {
    Value r = call_dunder(vm, a, "__divmod__", std::span<const Value>(&b, 1));
    if (!r.is_undef() && !is_not_implemented(vm, r)) return r;
  }
  if (vm.is_kind(b, ObjKind::Instance)) {
    Value r = call_dunder(vm, b, "__rdivmod__", std::span<const Value>(&a, 1));
    if (!r.is_undef() && !is_not_implemented(vm, r)) return r;
  }
  vm.type_error("unsupported operand type(s) for divmod(): '" + vm.type_name(a) + "' and '" +
                vm.type_name(b) + "'");
}

// Modular inverse of a modulo m (m > 0) by the extended Euclidean algorithm.
BigInt mod_inverse(VM& vm, const BigInt& a, const BigInt& m) {
  auto norm = BigInt::mod(a, m, vm.work_meter());
  if (!norm) vm.raise_error(norm.error());
  BigInt r0 = m, r1 = *norm;
  BigInt t0(0), t1(1);
  while (!r1.is_zero()) {
    auto qr = BigInt::divmod(r0, r1, vm.work_meter());
    if (!qr) vm.raise_error(qr.error());
    BigInt t2 = BigInt::sub(t0, BigInt::mul(qr->first, t1, vm.work_meter()));
    r0 = std::move(r1);
    r1 = std::move(qr->second);
    t0 = std::move(t1);
    t1 = std::move(t2);
  }
  if (!(r0 == BigInt(1))) vm.value_error("base is not invertible for the given modulus");
  auto inv = BigInt::mod(t0, m, vm.work_meter());
  if (!inv) vm.raise_error(inv.error());
  return std::move(*inv);
}

Value bi_pow(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args(vm, args, "pow", {"base", "exp", "mod"}, 2, 0, a);
  if (a[2].is_undef() || a[2].is_none()) return vm.binary_op(BinOp::Pow, a[0], a[1]);
  Value base = a[0], exp = a[1], mod = a[2];
  if (vm.is_kind(base, ObjKind::Instance)) {
    Value pair[2] = {exp, mod};
    Value r = call_dunder(vm, base, "__pow__", pair);
    if (!r.is_undef() && !is_not_implemented(vm, r)) return r;
  }
  if (!vm.is_integer(base) || !vm.is_integer(exp) || !vm.is_integer(mod)) {
    if (is_number(vm, base) && is_number(vm, exp) && is_number(vm, mod)) {
      vm.type_error("pow() 3rd argument not allowed unless all arguments are integers");
    }
    vm.type_error("unsupported operand type(s) for ** or pow(): '" + vm.type_name(base) + "', '" +
                  vm.type_name(exp) + "', '" + vm.type_name(mod) + "'");
  }
  // Small fast path: non-negative exponent, modulus below 2**62.
  if (!vm.is_bigint(base) && !vm.is_bigint(exp) && !vm.is_bigint(mod) && exp.i >= 0 && mod.i != 0 &&
      mod.i > -(int64_t{1} << 62) && mod.i < (int64_t{1} << 62)) {
    int64_t m = mod.i < 0 ? -mod.i : mod.i;
    int64_t b = base.i % m;
    if (b < 0) b += m;
    unsigned __int128 result = 1 % static_cast<uint64_t>(m), acc = static_cast<uint64_t>(b);
    for (uint64_t e = static_cast<uint64_t>(exp.i); e != 0; e >>= 1) {
      if (e & 1) result = result * acc % static_cast<uint64_t>(m);
      acc = acc * acc % static_cast<uint64_t>(m);
    }
    int64_t r = static_cast<int64_t>(result);
    // Python's result has the sign of the modulus.
    if (mod.i < 0 && r != 0) r -= m;
    return Value::integer(r);
  }
  BigInt m = int_to_bigint(vm, mod);
  if (m.is_zero()) vm.value_error("pow() 3rd argument cannot be 0");
  BigInt b = int_to_bigint(vm, base);
  BigInt e = int_to_bigint(vm, exp);
  if (e.is_negative()) {
    BigInt am = BigInt::abs(m);
    b = mod_inverse(vm, b, am);
    e = BigInt::neg(e);
  }
  auto r = BigInt::pow_mod(b, e, m, vm.work_meter());
  if (!r) vm.raise_error(r.error());
  return vm.new_int(std::move(*r));
}

// Round half to even on the exact binary value, as round(x) does.
double round_half_even(double x) {
  double r = std::round(x);
  if (std::fabs(x - r) == 0.5) r = 2.0 * std::round(x / 2.0);
  return r;
}

int64_t ndigits_arg(VM& vm, Value nd) {
  Value v = to_int_index(vm, nd);
  if (vm.is_bigint(v)) return vm.as<BigIntObj>(v)->value.is_negative() ? INT64_MIN : INT64_MAX;
  return v.i;
}

// round(x, -m) for an int x and m > 0: nearest multiple of 10**m, ties to
// the even multiple.
Value round_int(VM& vm, Value x, uint64_t m) {
  if (x.is_int() && m <= 18) {
    int64_t p = 1;
    for (uint64_t i = 0; i < m; i++) p *= 10;
    int64_t q = x.i / p, r = x.i % p;
    if (r < 0) {
      q -= 1;
      r += p;
    }
    __int128 twice = static_cast<__int128>(r) * 2;
    if (twice > p || (twice == p && (q & 1))) q += 1;
    return vm.new_int(BigInt::mul(BigInt(q), BigInt(p)));
  }
  BigInt v = int_to_bigint(vm, x);
  // |x| < 10**(digits): if m exceeds that, the result is 0.
  uint64_t digits = static_cast<uint64_t>(v.bit_length()) * 30103 / 100000 + 2;
  if (m > digits) return Value::integer(0);
  BigInt p = BigInt::pow(BigInt(10), m, vm.work_meter());
  auto qr = BigInt::divmod(v, p, vm.work_meter());
  if (!qr) vm.raise_error(qr.error());
  BigInt q = std::move(qr->first);
  BigInt twice = BigInt::shl(qr->second, 1);
  int c = BigInt::compare(twice, p);
  bool q_odd = !q.limbs().empty() && (q.limbs()[0] & 1);
  if (c > 0 || (c == 0 && q_odd)) q = BigInt::add(q, BigInt(1));
  return vm.new_int(BigInt::mul(q, p, vm.work_meter()));
}

Value bi_round(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args(vm, args, "round", {"number", "ndigits"}, 1, 0, a);
  Value x = a[0], nd = a[1];
  bool has_nd = !nd.is_undef() && !nd.is_none();
  if (x.is_float()) {
    if (!has_nd) return float_to_int(vm, round_half_even(x.f));
    Result<double> r = round_float(x.f, ndigits_arg(vm, nd));
    if (!r) vm.raise_error(r.error());
    return Value::floating(*r);
  }
  if (vm.is_integer(x)) {
    Value plain = x.is_bool() ? Value::integer(x.i) : x;
    if (!has_nd) return plain;
    int64_t n = ndigits_arg(vm, nd);
    if (n >= 0) return plain;
    return round_int(vm, plain, n == INT64_MIN ? UINT64_MAX : static_cast<uint64_t>(-n));
  }
  if (vm.is_kind(x, ObjKind::Instance)) {
    Value r = has_nd ? call_dunder(vm, x, "__round__", std::span<const Value>(&nd, 1))
                     : call_dunder(vm, x, "__round__");
    if (!r.is_undef()) return r;
    Value inner = subclass_value(vm, x);  // int/float subclass: round its value
    if (vm.is_integer(inner) || inner.is_float()) {
      Value arg[2] = {inner, nd};
      CallArgs ca;
      ca.pos = std::span<const Value>(arg, nd.is_undef() ? 1 : 2);
      return bi_round(vm, ca);
    }
  }
  vm.type_error("type " + vm.type_name(x) + " doesn't define __round__ method");
}

Value bi_sum(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(bi_sum);
  Value a[2];
  bind_args(vm, args, "sum", {"iterable", "start"}, 1, 1, a);
  Value result = a[1].is_undef() ? Value::integer(0) : a[1];
  if (vm.is_str(result)) vm.type_error("sum() can't sum strings [use ''.join(seq) instead]");
  if (vm.is_kind(result, ObjKind::Bytes))
    vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]");
  // sum(xs, True) of nothing is 1, as the int loop below gives.
  const Value acc = result.is_bool() ? Value::integer(result.i) : result;
  if (gc_safe && vm.consumes_as_frame(a[0])) {
    vm.consume_as_frame(Consumer::Sum, a[0], {acc});
    return Value();
  }
  Value it = vm.iter(a[0]);
  Value item;
  VM::NativeRoots roots(vm, {&result, &it, &item});
  if (result.is_int() || result.is_bool()) {
    int64_t acc = result.i;
    for (;;) {
      if (!vm.next_gc_safe(it, &item, gc_safe)) return Value::integer(acc);
      int64_t t;
      if ((item.is_int() || item.is_bool()) && !__builtin_add_overflow(acc, item.i, &t)) {
        acc = t;
        continue;
      }
      result = vm.binary_op(BinOp::Add, Value::integer(acc), item);
      break;
    }
  }
  if (result.is_float()) {
    double f = result.f;
    for (;;) {
      if (!vm.next_gc_safe(it, &item, gc_safe)) return Value::floating(f);
      if (item.is_float()) {
        f += item.f;
        continue;
      }
      if (item.is_int() || item.is_bool()) {
        f += static_cast<double>(item.i);
        continue;
      }
      result = vm.binary_op(BinOp::Add, Value::floating(f), item);
      break;
    }
  }
  while (vm.next_gc_safe(it, &item, gc_safe)) result = vm.binary_op(BinOp::Add, result, item);
  return result;
}

// ---- comparisons: min / max ---------------------------------------------------

Value min_max(VM& vm, CallArgs& args, bool is_max, bool gc_safe) {
  const std::string name = is_max ? "max" : "min";
  Value key, dflt;
  for (size_t i = 0; i < args.kw_names.size(); i++) {
    std::string_view k = vm.str_view(args.kw_names[i]);
    if (k == "key") {
      key = args.kw_values[i];
    } else if (k == "default") {
      dflt = args.kw_values[i];
    } else {
      vm.type_error("'" + std::string(k) + "' is an invalid keyword argument for " + name + "()");
    }
  }
  if (args.size() == 0) vm.type_error(name + " expected at least 1 argument, got 0");
  if (args.size() > 1 && !dflt.is_undef()) {
    vm.type_error("Cannot specify a default for " + name + "() with multiple positional arguments");
  }
  if (key.is_none()) key = Value();
  Value best, best_key;
  Value it, item;
  VM::NativeRoots roots(vm, {&best, &best_key, &it, &item});
  auto consider = [&](Value item) {
    Value k = key.is_undef() ? item : vm.call(key, std::span<const Value>(&item, 1));
    if (best.is_undef() || min_max_better(vm, k, best_key, is_max)) {
      best = item;
      best_key = k;
    }
  };
  if (args.size() == 1) {
    if (gc_safe && !key.is_undef() && vm.can_consume_as_frame() &&
        (vm.callable_can_pause(key) || vm.is_python_driven(args[0]))) {
      // The key's calls as CALL instructions, one per item as it comes.
      vm.consume_as_frame(is_max ? Consumer::MaxKeyed : Consumer::MinKeyed, args[0],
                          {Value(), Value(), key, dflt});
      return Value();
    }
    if (gc_safe && vm.consumes_as_frame(args[0])) {
      vm.consume_as_frame(is_max ? Consumer::Max : Consumer::Min, args[0],
                          {Value(), Value(), Value(), dflt});
      return Value();
    }
    it = vm.iter(args[0]);
    while (vm.next_gc_safe(it, &item, gc_safe)) consider(item);
  } else {
    for (size_t i = 0; i < args.size(); i++) consider(args[i]);
  }
  if (best.is_undef()) {
    if (!dflt.is_undef()) return dflt;
    vm.value_error(name + "() arg is an empty sequence");
  }
  return best;
}

Value bi_max(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(bi_max);
  return min_max(vm, args, true, gc_safe);
}
Value bi_min(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(bi_min);
  return min_max(vm, args, false, gc_safe);
}

// ---- iteration ------------------------------------------------------------------

Value bi_all(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(bi_all);
  check_arg_count(vm, args, "all", 1, 1);
  Value src = args[0];
  if (gc_safe && vm.consumes_as_frame(src)) {
    vm.consume_as_frame(Consumer::All, src, {});
    return Value();
  }
  if (vm.is_list(src)) {
    ListObj* l = vm.as<ListObj>(src);
    for (size_t i = 0; i < l->items.size(); i++) {
      if (!vm.truthy(l->items[i])) return Value::boolean(false);
    }
    return Value::boolean(true);
  }
  Value it = vm.iter(src);
  Value item;
  VM::NativeRoots roots(vm, {&it, &item});
  while (vm.next_gc_safe(it, &item, gc_safe)) {
    if (!vm.truthy(item)) return Value::boolean(false);
  }
  return Value::boolean(true);
}

Value bi_any(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(bi_any);
  check_arg_count(vm, args, "any", 1, 1);
  Value src = args[0];
  if (gc_safe && vm.consumes_as_frame(src)) {
    vm.consume_as_frame(Consumer::Any, src, {});
    return Value();
  }
  if (vm.is_list(src)) {
    ListObj* l = vm.as<ListObj>(src);
    for (size_t i = 0; i < l->items.size(); i++) {
      if (vm.truthy(l->items[i])) return Value::boolean(true);
    }
    return Value::boolean(false);
  }
  Value it = vm.iter(src);
  Value item;
  VM::NativeRoots roots(vm, {&it, &item});
  while (vm.next_gc_safe(it, &item, gc_safe)) {
    if (vm.truthy(item)) return Value::boolean(true);
  }
  return Value::boolean(false);
}

Value bi_callable(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "callable", 1, 1);
  return Value::boolean(is_callable(vm, args[0]));
}

Value bi_iter(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "iter", 1, 2);
  if (args.size() == 1) return vm.iter(args[0]);
  if (!is_callable(vm, args[0])) vm.type_error("iter(v, w): v must be callable");
  return vm.new_iter(BuiltinTypeId::CallableIterator, args[0], args[1]);
}

Value bi_next(VM& vm, CallArgs& args) {
  // GC-safe: `next(x for x in big if cond(x))` may run a whole search inside
  // this call. Its arguments stay on the caller's stack; `out` is written
  // only after the last safepoint.
  const bool gc_safe = vm.claim_gc_safe_call(bi_next);
  check_arg_count(vm, args, "next", 1, 2);
  if (gc_safe && vm.can_consume_as_frame() && vm.is_python_driven_iterator(args[0])) {
    vm.consume_as_frame(Consumer::Next, args[0], {args.size() == 2 ? args[1] : Value()});
    return Value();
  }
  Value out;  // vm.next raises "'list' object is not an iterator" itself
  if (vm.next_gc_safe(args[0], &out, gc_safe)) return out;
  if (args.size() == 2) return args[1];
  if (vm.is_kind(args[0], ObjKind::Generator) && !vm.last_return_.is_undef() &&
      !vm.last_return_.is_none()) {
    // A generator's `return value` becomes StopIteration(value).
    Value v = vm.last_return_;
    vm.last_return_ = Value();
    vm.raise(
        vm.new_exception(Value::type(static_cast<uint32_t>(BuiltinTypeId::StopIteration)), {v}));
  }
  raise_stop_iteration(vm);
}

Value bi_len(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "len", 1, 1);
  return Value::integer(vm.len(args[0]));
}

Value bi_sorted(VM& vm, CallArgs& args) {
  const bool gc_safe = vm.claim_gc_safe_call(bi_sorted);
  if (args.size() != 1)
    vm.type_error("sorted expected 1 argument, got " + std::to_string(args.size()));
  if (gc_safe && vm.can_consume_as_frame()) {
    // A key function that may pause runs as CALLs of a keyed consumer
    // (only key= and reverse=: other keywords fail after the iterable is
    // consumed, as the plain paths below do).
    Value key, reverse;
    bool plain_keywords = true;
    for (size_t i = 0; i < args.kw_names.size(); i++) {
      std::string_view k = vm.str_view(args.kw_names[i]);
      if (k == "key") {
        key = args.kw_values[i];
      } else if (k == "reverse") {
        reverse = args.kw_values[i];
      } else {
        plain_keywords = false;
      }
    }
    if (plain_keywords && !key.is_undef() && !key.is_none() &&
        (vm.callable_can_pause(key) || vm.is_python_driven(args[0]))) {
      vm.consume_as_frame(Consumer::SortedKeyed, args[0],
                          {vm.new_list(), key, vm.new_list(), reverse});
      return Value();
    }
  }
  if (gc_safe && vm.consumes_as_frame(args[0])) {
    auto [names, values] = keyword_tuples(vm, args);
    vm.consume_as_frame(Consumer::Sorted, args[0], {vm.new_list(), names, values});
    return Value();
  }
  Value list = vm.new_list(vm.to_vector(args[0], gc_safe));
  CallArgs sort_args{list, {}, args.kw_names, args.kw_values};
  list_sort(vm, sort_args);
  return list;
}

// ---- text -----------------------------------------------------------------------

Value bi_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "repr", 1, 1);
  return vm.repr(args[0]);
}

// Decodes the code point starting at s[i] (valid UTF-8); advances i.
uint32_t decode_utf8(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    i += 1;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  uint32_t cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len && i + k < s.size(); k++)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<size_t>(len);
  return cp;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

Value bi_ascii(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "ascii", 1, 1);
  Value r = vm.repr(args[0]);
  if (vm.as<StrObj>(r)->ascii) return r;
  return vm.new_str(VM::ascii_of(vm.str_view(r)));
}

Value bi_chr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "chr", 1, 1);
  Value v = to_int_index(vm, args[0]);
  if (vm.is_bigint(v))
    vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C int");
  if (v.i < 0 || v.i > 0x10FFFF) vm.value_error("chr() arg not in range(0x110000)");
  std::string out;
  append_utf8(out, static_cast<uint32_t>(v.i));
  return vm.new_str(std::move(out));
}

Value bi_ord(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "ord", 1, 1);
  Value v = args[0];
  if (vm.is_str(v)) {
    StrObj* s = vm.as<StrObj>(v);
    if (s->length != 1) {
      vm.type_error("ord() expected a character, but string of length " +
                    std::to_string(s->length) + " found");
    }
    size_t i = 0;
    return Value::integer(decode_utf8(s->data, i));
  }
  if (vm.is_kind(v, ObjKind::Bytes)) {
    BytesObj* b = vm.as<BytesObj>(v);
    if (b->data.size() != 1) {
      vm.type_error("ord() expected a character, but string of length " +
                    std::to_string(b->data.size()) + " found");
    }
    return Value::integer(static_cast<unsigned char>(b->data[0]));
  }
  vm.type_error("ord() expected string of length 1, but " + vm.type_name(v) + " found");
}

Value bi_format(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "format", 1, 2);
  std::string_view spec;
  if (args.size() == 2) {
    if (!vm.is_str(args[1]))
      vm.type_error("format() argument 2 must be str, not " + vm.type_name(args[1]));
    spec = vm.str_view(args[1]);
  }
  if (spec.empty() && vm.is_str(args[0])) return args[0];
  return vm.new_str(vm.format(args[0], spec));
}

Value bi_print(VM& vm, CallArgs& args) {
  std::string_view sep = " ", end = "\n";
  for (size_t i = 0; i < args.kw_names.size(); i++) {
    std::string_view k = vm.str_view(args.kw_names[i]);
    Value v = args.kw_values[i];
    if (k == "sep" || k == "end") {
      if (!v.is_none()) {
        if (!vm.is_str(v))
          vm.type_error(std::string(k) + " must be None or a string, not " + vm.type_name(v));
        (k == "sep" ? sep : end) = vm.str_view(v);
      }
    } else if (k == "file") {
      if (!v.is_none()) vm.type_error("print(): the 'file' argument is not supported");
    } else if (k == "flush") {
      // Output goes straight to the host's print callback: nothing to flush.
    } else {
      vm.type_error("'" + std::string(k) + "' is an invalid keyword argument for print()");
    }
  }
  // sep/end views stay valid: they point into str objects referenced by args.
  std::string line;
  for (size_t i = 0; i < args.size(); i++) {
    if (i > 0) line += sep;
    Value v = args[i];
    if (vm.is_str(v)) {
      line += vm.str_view(v);
    } else {
      line += vm.to_str(v);
    }
  }
  line += end;
  vm.print(Stream::Stdout, line);
  return Value::none();
}

// ---- objects --------------------------------------------------------------------

std::string_view attr_name_arg(VM& vm, Value name) {
  if (!vm.is_str(name))
    vm.type_error("attribute name must be string, not '" + vm.type_name(name) + "'");
  return vm.str_view(name);
}

Value bi_getattr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "getattr", 2, 3);
  attr_name_arg(vm, args[1]);
  if (args.size() == 3) {
    Value r = vm.getattr_opt(args[0], args[1]);
    return r.is_undef() ? args[2] : r;
  }
  return vm.getattr(args[0], args[1]);
}

Value bi_hasattr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "hasattr", 2, 2);
  attr_name_arg(vm, args[1]);
  return Value::boolean(!vm.getattr_opt(args[0], args[1]).is_undef());
}

// vars(obj) is obj.__dict__, as in CPython; vars() would be locals(), which
// this interpreter does not have.
Value bi_vars(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "vars", 0, 1);
  if (args.size() == 0) {
    vm.raise(BuiltinTypeId::NotImplementedError, "vars() without an argument is not supported");
  }
  Value d = vm.getattr_opt(args[0], vm.intern("__dict__"));
  if (d.is_undef()) vm.type_error("vars() argument must have __dict__ attribute");
  return d;
}

Value bi_setattr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "setattr", 3, 3);
  attr_name_arg(vm, args[1]);
  vm.setattr(args[0], args[1], args[2]);
  return Value::none();
}

Value bi_delattr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "delattr", 2, 2);
  attr_name_arg(vm, args[1]);
  vm.delattr(args[0], args[1]);
  return Value::none();
}

Value bi_hash(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "hash", 1, 1);
  return Value::integer(vm.hash(args[0]));
}

// id(): a stable number per identity. Identity of inline values is their
// tag and payload (Value::same), so the id encodes both: payload * 16 + tag
// code, offset to look like an address. Heap objects use their heap id, so
// two live objects never share an id and one object keeps its id.
Value bi_id(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "id", 1, 1);
  return object_id(vm, args[0]);
}

}  // namespace

Value object_id(VM& vm, Value v) {
  constexpr int64_t kBase = 0x7f3a00000000;
  switch (v.tag) {
    case Tag::Obj:
      return Value::integer(kBase + static_cast<int64_t>(v.id) * 16);
    case Tag::BuiltinFn:
      return Value::integer(kBase + static_cast<int64_t>(v.id) * 16 + 3);
    case Tag::Type:
      return Value::integer(kBase + static_cast<int64_t>(v.id) * 16 + 4);
    case Tag::None:
    case Tag::Undef:
      return Value::integer(kBase + 5);
    case Tag::Bool:
      return Value::integer(kBase + v.i * 16 + 6);
    case Tag::Int: {
      // Zigzag keeps every int's id positive and distinct.
      uint64_t zz =
          v.i >= 0 ? static_cast<uint64_t>(v.i) * 2 : (static_cast<uint64_t>(-(v.i + 1)) * 2 + 1);
      if (zz < (uint64_t{1} << 57))
        return Value::integer(kBase + static_cast<int64_t>(zz) * 16 + 1);
      return vm.new_int(BigInt::add(BigInt(kBase + 1), BigInt::shl(BigInt::from_uint64(zz), 4)));
    }
    case Tag::Float: {
      uint64_t bits;
      std::memcpy(&bits, &v.f, sizeof bits);
      return vm.new_int(BigInt::add(BigInt(kBase + 2), BigInt::shl(BigInt::from_uint64(bits), 4)));
    }
  }
  return Value::integer(kBase);
}

namespace {

bool is_class(VM& vm, Value v) { return v.is_type() || vm.is_kind(v, ObjKind::Class); }

// typing.Mapping and the other unsubscripted aliases of collections.abc
// classes test as those classes (CPython's _GenericAlias.__instancecheck__);
// Undef for any other value. typing.Any refuses, as in CPython.
Value typing_alias_class(VM& vm, Value form, const char* check) {
  std::string_view name = typing_form_name(vm, form);
  if (name.empty()) return Value();
  if (name == "Any") vm.type_error(std::string("typing.Any cannot be used with ") + check + "()");
  static constexpr std::string_view kAbcNames[] = {
      "Callable",   "Iterable",       "Iterator",        "Generator",     "Sequence",
      "Mapping",    "MutableMapping", "MutableSequence", "MutableSet",    "AbstractSet",
      "Collection", "Container",      "Hashable",        "Sized",         "Reversible",
      "Awaitable",  "Coroutine",      "AsyncIterator",   "AsyncIterable", "AsyncGenerator"};
  if (std::find(std::begin(kAbcNames), std::end(kAbcNames), name) == std::end(kAbcNames))
    return Value();
  if (name == "AbstractSet") name = "Set";
  return vm.getattr(vm.import_module("collections.abc"), vm.intern(name));
}

bool isinstance_of(VM& vm, Value obj, Value cls) {
  if (Value abc = typing_alias_class(vm, cls, "isinstance"); !abc.is_undef()) cls = abc;
  if (is_class(vm, cls)) {
    if (vm.isinstance(obj, cls)) return true;
    bool abc_result;
    if (collections_abc_check(vm, obj, cls, true, &abc_result)) return abc_result;
    return is_abc_meta_instance(vm, obj, cls);
  }
  if (Value members = vm.union_members(cls); !members.is_undef()) cls = members;
  if (vm.is_tuple(cls)) {
    VM::DepthGuard guard(vm, "in __instancecheck__");
    TupleObj* t = vm.as<TupleObj>(cls);
    for (size_t i = 0; i < t->items.size(); i++) {
      if (isinstance_of(vm, obj, t->items[i])) return true;
    }
    return false;
  }
  vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union");
}

bool issubclass_of(VM& vm, Value derived, Value cls) {
  if (Value abc = typing_alias_class(vm, cls, "issubclass"); !abc.is_undef()) cls = abc;
  if (is_class(vm, cls) && is_class(vm, derived)) {
    if (vm.is_subclass(derived, cls)) return true;
    bool abc_result;
    return collections_abc_check(vm, derived, cls, false, &abc_result) && abc_result;
  }
  if (Value members = vm.union_members(cls); !members.is_undef()) cls = members;
  if (vm.is_tuple(cls)) {
    VM::DepthGuard guard(vm, "in __subclasscheck__");
    TupleObj* t = vm.as<TupleObj>(cls);
    for (size_t i = 0; i < t->items.size(); i++) {
      if (issubclass_of(vm, derived, t->items[i])) return true;
    }
    return false;
  }
  if (!is_class(vm, derived)) vm.type_error("issubclass() arg 1 must be a class");
  vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union");
}

Value bi_isinstance(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "isinstance", 2, 2);
  return Value::boolean(isinstance_of(vm, args[0], args[1]));
}

Value bi_issubclass(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "issubclass", 2, 2);
  return Value::boolean(issubclass_of(vm, args[0], args[1]));
}

const BuiltinFnDef kBuiltinFunctionTable[] = {
    {"abs", bi_abs, nullptr},
    {"all", bi_all, nullptr},
    {"any", bi_any, nullptr},
    {"ascii", bi_ascii, nullptr},
    {"bin", bi_bin, nullptr},
    {"callable", bi_callable, nullptr},
    {"chr", bi_chr, nullptr},
    {"delattr", bi_delattr, nullptr},
    {"divmod", bi_divmod, nullptr},
    {"format", bi_format, nullptr},
    {"getattr", bi_getattr, nullptr},
    {"hasattr", bi_hasattr, nullptr},
    {"hash", bi_hash, nullptr},
    {"hex", bi_hex, nullptr},
    {"id", bi_id, nullptr},
    {"isinstance", bi_isinstance, nullptr},
    {"issubclass", bi_issubclass, nullptr},
    {"iter", bi_iter, nullptr},
    {"len", bi_len, nullptr},
    {"max", bi_max, nullptr},
    {"min", bi_min, nullptr},
    {"next", bi_next, nullptr},
    {"oct", bi_oct, nullptr},
    {"ord", bi_ord, nullptr},
    {"pow", bi_pow, nullptr},
    {"print", bi_print, nullptr},
    {"repr", bi_repr, nullptr},
    {"round", bi_round, nullptr},
    {"setattr", bi_setattr, nullptr},
    {"sorted", bi_sorted, nullptr},
    {"sum", bi_sum, nullptr},
    {"vars", bi_vars, nullptr},
};

}  // namespace

const std::span<const BuiltinFnDef> kBuiltinFunctions = kBuiltinFunctionTable;

bool min_max_better(VM& vm, Value a, Value b, bool is_max) {
  if (a.is_int() && b.is_int()) return is_max ? a.i > b.i : a.i < b.i;
  if (a.is_float() && b.is_float()) return is_max ? a.f > b.f : a.f < b.f;
  if (is_max) return vm.truthy(vm.compare(CmpArg::Gt, a, b));
  return vm.lt(a, b);
}

}  // namespace monty
