// The generic object protocols: truth, hashing, equality and ordering,
// arithmetic, repr/str/format, containers, attributes and iteration.
//
// Each dispatches on the value's representation: inline numbers first, then
// the builtin types (through the hooks in types/registry.h), then dunder
// methods of user classes, which run through VM::call (a bounded re-entry).

#include <algorithm>
#include <cmath>
#include <cstring>

#include "runtime/types/registry.h"
#include "runtime/vm.h"
#include "support/attributes.h"
#include "support/numfmt.h"

namespace monty {

namespace {

const char* binop_symbol(BinOp op) {
  switch (op) {
    case BinOp::Add:
      return "+";
    case BinOp::And:
      return "&";
    case BinOp::FloorDiv:
      return "//";
    case BinOp::LShift:
      return "<<";
    case BinOp::MatMul:
      return "@";
    case BinOp::Mul:
      return "*";
    case BinOp::Mod:
      return "%";
    case BinOp::Or:
      return "|";
    case BinOp::Pow:
      return "** or pow()";
    case BinOp::RShift:
      return ">>";
    case BinOp::Sub:
      return "-";
    case BinOp::TrueDiv:
      return "/";
    case BinOp::Xor:
      return "^";
    default:
      return "?";
  }
}

const char* binop_dunder(BinOp op) {
  switch (op) {
    case BinOp::Add:
      return "__add__";
    case BinOp::And:
      return "__and__";
    case BinOp::FloorDiv:
      return "__floordiv__";
    case BinOp::LShift:
      return "__lshift__";
    case BinOp::MatMul:
      return "__matmul__";
    case BinOp::Mul:
      return "__mul__";
    case BinOp::Mod:
      return "__mod__";
    case BinOp::Or:
      return "__or__";
    case BinOp::Pow:
      return "__pow__";
    case BinOp::RShift:
      return "__rshift__";
    case BinOp::Sub:
      return "__sub__";
    case BinOp::TrueDiv:
      return "__truediv__";
    case BinOp::Xor:
      return "__xor__";
    default:
      return "";
  }
}

const char* binop_rdunder(BinOp op) {
  switch (op) {
    case BinOp::Add:
      return "__radd__";
    case BinOp::And:
      return "__rand__";
    case BinOp::FloorDiv:
      return "__rfloordiv__";
    case BinOp::LShift:
      return "__rlshift__";
    case BinOp::MatMul:
      return "__rmatmul__";
    case BinOp::Mul:
      return "__rmul__";
    case BinOp::Mod:
      return "__rmod__";
    case BinOp::Or:
      return "__ror__";
    case BinOp::Pow:
      return "__rpow__";
    case BinOp::RShift:
      return "__rrshift__";
    case BinOp::Sub:
      return "__rsub__";
    case BinOp::TrueDiv:
      return "__rtruediv__";
    case BinOp::Xor:
      return "__rxor__";
    default:
      return "";
  }
}

const char* binop_idunder(BinOp op) {
  switch (op) {
    case BinOp::Add:
      return "__iadd__";
    case BinOp::And:
      return "__iand__";
    case BinOp::FloorDiv:
      return "__ifloordiv__";
    case BinOp::LShift:
      return "__ilshift__";
    case BinOp::MatMul:
      return "__imatmul__";
    case BinOp::Mul:
      return "__imul__";
    case BinOp::Mod:
      return "__imod__";
    case BinOp::Or:
      return "__ior__";
    case BinOp::Pow:
      return "__ipow__";
    case BinOp::RShift:
      return "__irshift__";
    case BinOp::Sub:
      return "__isub__";
    case BinOp::TrueDiv:
      return "__itruediv__";
    case BinOp::Xor:
      return "__ixor__";
    default:
      return "";
  }
}

bool is_not_implemented(Value v) {
  return v.is_type() && v.id == static_cast<uint32_t>(BuiltinTypeId::NotImplementedType);
}

// Python's float floor-mod and floor-div.
double float_mod(double a, double b) {
  double m = std::fmod(a, b);
  if (m != 0) {
    if ((b < 0) != (m < 0)) m += b;
  } else {
    m = std::copysign(0.0, b);
  }
  return m;
}
double float_floordiv(double a, double b) {
  double m = std::fmod(a, b);
  double div = (a - m) / b;
  if (m != 0 && ((b < 0) != (m < 0))) div -= 1.0;
  double fl;
  if (div != 0) {
    fl = std::floor(div);
    if (div - fl > 0.5) fl += 1.0;
  } else {
    fl = std::copysign(0.0, a / b);
  }
  return fl;
}

}  // namespace

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------
static bool is_number(const VM& vm, Value v) {
  return v.is_int() || v.is_bool() || v.is_float() || vm.is_bigint(v);
}

static BigInt to_big(const VM& vm, Value v) {
  if (v.is_int() || v.is_bool()) return BigInt(v.i);
  return vm.as<BigIntObj>(v)->value;
}

// Converts an int (small or big) to double with CPython's overflow error.
static double int_to_double(VM& vm, Value v) {
  if (v.is_int() || v.is_bool()) return static_cast<double>(v.i);
  auto r = vm.as<BigIntObj>(v)->value.to_double();
  if (!r) vm.raise_error(r.error());
  return *r;
}

static Value int_pow(VM& vm, Value a, Value b) {
  BigInt base = to_big(vm, a);
  BigInt exp = to_big(vm, b);
  if (exp.is_negative()) {
    double fa = int_to_double(vm, a), fb = int_to_double(vm, b);
    if (fa == 0)
      vm.raise(BuiltinTypeId::ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return Value::floating(std::pow(fa, fb));
  }
  if (!exp.fits_int64()) {
    if (base.is_zero() || base == BigInt(1)) return vm.new_int(base);
    if (base == BigInt(-1)) return Value::integer(exp.limbs()[0] & 1 ? -1 : 1);
    vm.memory_error("integer result too large");
  }
  int64_t e = exp.to_int64();
  // Refuse results that cannot fit the memory budget before computing them.
  int64_t bits = base.bit_length();
  if (bits > 1 && static_cast<double>(bits) * static_cast<double>(e) > 8.0 * 64 * 1024) {
    vm.check_alloc(static_cast<uint64_t>(static_cast<double>(bits) * static_cast<double>(e) / 8));
  }
  return vm.new_int(BigInt::pow(base, static_cast<uint64_t>(e), vm.work_meter()));
}

static Value int_binary(VM& vm, BinOp op, Value a, Value b) {
  // Small-int paths with overflow checks, then BigInt.
  if ((a.is_int() || a.is_bool()) && (b.is_int() || b.is_bool())) {
    int64_t x = a.i, y = b.i, r;
    switch (op) {
      case BinOp::Add:
        if (!__builtin_add_overflow(x, y, &r)) return Value::integer(r);
        break;
      case BinOp::Sub:
        if (!__builtin_sub_overflow(x, y, &r)) return Value::integer(r);
        break;
      case BinOp::Mul:
        if (!__builtin_mul_overflow(x, y, &r)) return Value::integer(r);
        break;
      case BinOp::FloorDiv:
        if (y == 0)
          vm.raise(BuiltinTypeId::ZeroDivisionError, "integer division or modulo by zero");
        if (!(x == INT64_MIN && y == -1)) {
          int64_t q = x / y;
          if ((x % y != 0) && ((x < 0) != (y < 0))) q--;
          return Value::integer(q);
        }
        break;
      case BinOp::Mod:
        if (y == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "integer modulo by zero");
        if (y == -1) return Value::integer(0);
        {
          int64_t m = x % y;
          if (m != 0 && ((m < 0) != (y < 0))) m += y;
          return Value::integer(m);
        }
      case BinOp::TrueDiv:
        if (y == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "division by zero");
        if (x > -(int64_t{1} << 53) && x < (int64_t{1} << 53) && y > -(int64_t{1} << 53) &&
            y < (int64_t{1} << 53)) {
          return Value::floating(static_cast<double>(x) / static_cast<double>(y));
        }
        break;
      case BinOp::And:
        return a.is_bool() && b.is_bool() ? Value::boolean(x & y) : Value::integer(x & y);
      case BinOp::Or:
        return a.is_bool() && b.is_bool() ? Value::boolean(x | y) : Value::integer(x | y);
      case BinOp::Xor:
        return a.is_bool() && b.is_bool() ? Value::boolean(x ^ y) : Value::integer(x ^ y);
      case BinOp::LShift:
        if (y < 0) vm.value_error("negative shift count");
        if (x == 0) return Value::integer(0);
        if (y < 63) {
          int64_t shifted = static_cast<int64_t>(static_cast<uint64_t>(x) << y);
          if ((shifted >> y) == x) return Value::integer(shifted);
        }
        break;
      case BinOp::RShift:
        if (y < 0) vm.value_error("negative shift count");
        return Value::integer(y >= 64 ? (x < 0 ? -1 : 0) : (x >> y));
      case BinOp::Pow:
        if (y >= 0) {
          int64_t result = 1, base = x;
          int64_t e = y;
          bool overflow = false;
          while (e > 0) {
            if (e & 1) overflow |= __builtin_mul_overflow(result, base, &result);
            e >>= 1;
            if (e > 0) overflow |= __builtin_mul_overflow(base, base, &base);
            if (overflow) break;
          }
          if (!overflow) return Value::integer(result);
        }
        return int_pow(vm, a, b);
      default:
        return Value();
    }
  }
  BigInt x = to_big(vm, a), y = to_big(vm, b);
  switch (op) {
    case BinOp::Add:
      return vm.new_int(BigInt::add(x, y));
    case BinOp::Sub:
      return vm.new_int(BigInt::sub(x, y));
    case BinOp::Mul:
      vm.check_alloc(static_cast<uint64_t>((x.bit_length() + y.bit_length()) / 8));
      return vm.new_int(BigInt::mul(x, y, vm.work_meter()));
    case BinOp::FloorDiv: {
      auto r = BigInt::floordiv(x, y, vm.work_meter());
      if (!r) vm.raise_error(r.error());
      return vm.new_int(std::move(*r));
    }
    case BinOp::Mod: {
      auto r = BigInt::mod(x, y, vm.work_meter());
      if (!r) vm.raise_error(r.error());
      return vm.new_int(std::move(*r));
    }
    case BinOp::TrueDiv: {
      auto r = BigInt::truediv(x, y);
      if (!r) vm.raise_error(r.error());
      return Value::floating(*r);
    }
    case BinOp::And:
      return vm.new_int(BigInt::bit_and(x, y));
    case BinOp::Or:
      return vm.new_int(BigInt::bit_or(x, y));
    case BinOp::Xor:
      return vm.new_int(BigInt::bit_xor(x, y));
    case BinOp::LShift: {
      if (y.is_negative()) vm.value_error("negative shift count");
      if (x.is_zero()) return Value::integer(0);
      if (!y.fits_int64() || y.to_int64() > (int64_t{1} << 40))
        vm.raise(BuiltinTypeId::OverflowError, "too many digits in integer");
      vm.check_alloc(static_cast<uint64_t>((x.bit_length() + y.to_int64()) / 8));
      return vm.new_int(BigInt::shl(x, static_cast<uint64_t>(y.to_int64())));
    }
    case BinOp::RShift: {
      if (y.is_negative()) vm.value_error("negative shift count");
      if (!y.fits_int64()) return Value::integer(x.is_negative() ? -1 : 0);
      return vm.new_int(BigInt::shr(x, static_cast<uint64_t>(y.to_int64())));
    }
    case BinOp::Pow:
      return int_pow(vm, a, b);
    default:
      return Value();
  }
}

static Value float_binary(VM& vm, BinOp op, double x, double y) {
  switch (op) {
    case BinOp::Add:
      return Value::floating(x + y);
    case BinOp::Sub:
      return Value::floating(x - y);
    case BinOp::Mul:
      return Value::floating(x * y);
    case BinOp::TrueDiv:
      if (y == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "float division by zero");
      return Value::floating(x / y);
    case BinOp::FloorDiv:
      if (y == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "float floor division by zero");
      return Value::floating(float_floordiv(x, y));
    case BinOp::Mod:
      if (y == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "float modulo");
      return Value::floating(float_mod(x, y));
    case BinOp::Pow: {
      if (x == 0 && y < 0)
        vm.raise(BuiltinTypeId::ZeroDivisionError, "0.0 cannot be raised to a negative power");
      if (x < 0 && y != std::floor(y) && std::isfinite(y)) {
        vm.raise(BuiltinTypeId::NotImplementedError, "complex numbers are not supported");
      }
      double r = std::pow(x, y);
      if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) {
        vm.raise(BuiltinTypeId::OverflowError, "(34, 'Numerical result out of range')");
      }
      return Value::floating(r);
    }
    default:
      return Value();
  }
}

static Value numeric_binary(VM& vm, BinOp op, Value a, Value b) {
  if (a.is_float() || b.is_float()) {
    double x = a.is_float() ? a.f : int_to_double(vm, a);
    double y = b.is_float() ? b.f : int_to_double(vm, b);
    return float_binary(vm, op, x, y);
  }
  return int_binary(vm, op, a, b);
}

// `n` copies of `unit` (n * unit.size() checked by the caller): the first
// copy, then doubling what is there, as CPython does: log2(n) memcpys, not n
// appends ('x' * 10**6 is a common idiom).
template <typename T>
static void fill_repeated(T* out, const T* unit, size_t unit_size, size_t total) {
  if (total == 0) return;
  std::copy_n(unit, unit_size, out);
  for (size_t done = unit_size; done < total;) {
    size_t k = std::min(done, total - done);
    std::copy_n(out, k, out + done);
    done += k;
  }
}

static Value sequence_repeat(VM& vm, Value seq, Value count) {
  if (!vm.is_integer(count)) return Value();
  // Ints are 64-bit or BigInt (normalized), so a BigInt count does not fit
  // an index, whatever its sign.
  if (vm.is_bigint(count))
    vm.raise(BuiltinTypeId::OverflowError, "cannot fit 'int' into an index-sized integer");
  const int64_t n = count.i < 0 ? 0 : count.i;
  // Sizes past INT64_MAX (CPython's PY_SSIZE_T_MAX): OverflowError for str
  // and bytes, MemoryError for the others, as in CPython. Below that,
  // check_alloc applies the memory limit (and bounds what wasm32 can hold).
  auto too_long = [n](size_t unit) {
    return unit != 0 && static_cast<uint64_t>(n) > static_cast<uint64_t>(INT64_MAX) / unit;
  };
  switch (vm.kind(seq)) {
    case ObjKind::Str: {
      const std::string& s = vm.as<StrObj>(seq)->data;
      if (n == 1) return seq;
      if (too_long(s.size())) vm.raise(BuiltinTypeId::OverflowError, "repeated string is too long");
      const size_t total = s.size() * static_cast<size_t>(n);
      vm.check_alloc(total);
      std::string out(total, '\0');
      fill_repeated(out.data(), s.data(), s.size(), total);
      return vm.new_str(std::move(out));
    }
    case ObjKind::Bytes:
    case ObjKind::ByteArray: {
      const bool is_bytes = vm.kind(seq) == ObjKind::Bytes;
      const std::string& s = *bytes_like_data(vm, seq);
      if (too_long(s.size())) {
        if (is_bytes) vm.raise(BuiltinTypeId::OverflowError, "repeated bytes are too long");
        vm.memory_error("repeated bytearray is too long");
      }
      const size_t total = s.size() * static_cast<size_t>(n);
      vm.check_alloc(total);
      std::string out(total, '\0');
      fill_repeated(out.data(), s.data(), s.size(), total);
      if (!is_bytes) return vm.heap.make<ByteArrayObj>(std::move(out));
      return vm.new_bytes(std::move(out));
    }
    case ObjKind::List:
    case ObjKind::Tuple: {
      const auto& items =
          vm.kind(seq) == ObjKind::List ? vm.as<ListObj>(seq)->items : vm.as<TupleObj>(seq)->items;
      if (too_long(items.size() * sizeof(Value))) vm.memory_error("repeated sequence is too long");
      const size_t total = items.size() * static_cast<size_t>(n);
      vm.check_alloc(static_cast<uint64_t>(total) * sizeof(Value));
      std::vector<Value> out(total);
      fill_repeated(out.data(), items.data(), items.size(), total);
      if (vm.kind(seq) == ObjKind::List) return vm.new_list(std::move(out));
      return vm.new_tuple(std::move(out));
    }
    default:
      return Value();
  }
}

// Builtin-type part of a binary operator; Undef if not applicable.
static Value builtin_binary(VM& vm, BinOp op, Value a, Value b, bool inplace) {
  if (is_number(vm, a) && is_number(vm, b)) {
    if (op == BinOp::MatMul) return Value();
    return numeric_binary(vm, op, a, b);
  }
  if (!a.is_obj() && !b.is_obj()) return Value();
  ObjKind ka = a.is_obj() ? vm.kind(a) : ObjKind::Cell;
  ObjKind kb = b.is_obj() ? vm.kind(b) : ObjKind::Cell;
  switch (op) {
    case BinOp::Add:
      if (ka == ObjKind::Str && kb == ObjKind::Str) {
        const std::string& x = vm.as<StrObj>(a)->data;
        const std::string& y = vm.as<StrObj>(b)->data;
        if (y.empty()) return a;
        if (x.empty()) return b;
        vm.check_alloc(x.size() + y.size());
        std::string s;
        s.reserve(x.size() + y.size());
        s += x;
        s += y;
        return vm.new_str(std::move(s));
      }
      if ((ka == ObjKind::Bytes || ka == ObjKind::ByteArray) &&
          (kb == ObjKind::Bytes || kb == ObjKind::ByteArray)) {
        // bytes and bytearray mix; the result has the left operand's type,
        // and bytearray += extends in place.
        const std::string& x = *bytes_like_data(vm, a);
        const std::string& y = *bytes_like_data(vm, b);
        vm.check_alloc(x.size() + y.size());
        if (ka == ObjKind::ByteArray) {
          if (inplace) {
            std::string more = y;  // y may be a's own buffer
            vm.as<ByteArrayObj>(a)->data += more;
            return a;
          }
          return vm.heap.make<ByteArrayObj>(x + y);
        }
        return vm.new_bytes(x + y);
      }
      if (ka == ObjKind::List && kb == ObjKind::List) {
        // Refused before copying when the result could never fit.
        vm.check_alloc((vm.as<ListObj>(a)->items.size() + vm.as<ListObj>(b)->items.size()) *
                       sizeof(Value));
        if (inplace) {
          auto& dst = vm.as<ListObj>(a)->items;
          std::vector<Value> src = vm.as<ListObj>(b)->items;
          dst.insert(dst.end(), src.begin(), src.end());
          return a;
        }
        std::vector<Value> items = vm.as<ListObj>(a)->items;
        const auto& y = vm.as<ListObj>(b)->items;
        items.insert(items.end(), y.begin(), y.end());
        return vm.new_list(std::move(items));
      }
      if (ka == ObjKind::List && inplace) {
        std::vector<Value> src = vm.to_vector(b);
        auto& dst = vm.as<ListObj>(a)->items;
        dst.insert(dst.end(), src.begin(), src.end());
        return a;
      }
      if (ka == ObjKind::Tuple && kb == ObjKind::Tuple) {
        vm.check_alloc((vm.as<TupleObj>(a)->items.size() + vm.as<TupleObj>(b)->items.size()) *
                       sizeof(Value));
        std::vector<Value> items = vm.as<TupleObj>(a)->items;
        const auto& y = vm.as<TupleObj>(b)->items;
        items.insert(items.end(), y.begin(), y.end());
        return vm.new_tuple(std::move(items));
      }
      return Value();
    case BinOp::Mul:
      if (a.is_obj() && (ka == ObjKind::Str || ka == ObjKind::List || ka == ObjKind::Tuple ||
                         ka == ObjKind::Bytes || ka == ObjKind::ByteArray)) {
        if (inplace && ka == ObjKind::List && vm.is_integer(b)) {
          Value r = sequence_repeat(vm, a, b);
          vm.as<ListObj>(a)->items = vm.as<ListObj>(r)->items;
          return a;
        }
        if (inplace && ka == ObjKind::ByteArray && vm.is_integer(b)) {
          Value r = sequence_repeat(vm, a, b);
          vm.as<ByteArrayObj>(a)->data.swap(vm.as<ByteArrayObj>(r)->data);
          return a;
        }
        return sequence_repeat(vm, a, b);
      }
      if (b.is_obj() && (kb == ObjKind::Str || kb == ObjKind::List || kb == ObjKind::Tuple ||
                         kb == ObjKind::Bytes || kb == ObjKind::ByteArray)) {
        return sequence_repeat(vm, b, a);
      }
      return Value();
    case BinOp::Mod:
      if (ka == ObjKind::Str) return str_percent(vm, a, b);
      if (ka == ObjKind::Bytes || ka == ObjKind::ByteArray) return bytes_percent(vm, a, b);
      return Value();
    case BinOp::Or:
    case BinOp::And:
    case BinOp::Xor:
    case BinOp::Sub:
      if (ka == ObjKind::Set && kb == ObjKind::Set) return set_binary_op(vm, op, a, b, inplace);
      if (ka == ObjKind::Dict && op == BinOp::Or) return dict_binary_op(vm, op, a, b, inplace);
      if (ka == ObjKind::DictView || kb == ObjKind::DictView)
        return dict_view_binary_op(vm, op, a, b);
      return Value();
    default:
      return Value();
  }
}

Value builtin_binary_op(VM& vm, BinOp op, Value a, Value b, bool inplace) {
  return builtin_binary(vm, op, a, b, inplace);
}

// The int or float value of `b`, an instance of a user subclass of int or
// float, when `a` is a builtin number (whose own operation then goes before
// b's reflected one: CPython asks the right operand first only when its type
// derives from the left's); Undef otherwise.
static Value number_subclass_operand(VM& vm, Value a, Value b) {
  if (!is_number(vm, a)) return Value();
  Value ub = subclass_value(vm, b);
  return is_number(vm, ub) ? ub : Value();
}

Value VM::binary_op(BinOp op, Value a, Value b, bool inplace) {
  // User classes: __iop__, then __op__, then the reflected __rop__.
  bool a_user = is_kind(a, ObjKind::Instance) && is_kind(as<InstanceObj>(a)->cls, ObjKind::Class);
  bool b_user = is_kind(b, ObjKind::Instance) && is_kind(as<InstanceObj>(b)->cls, ObjKind::Class);
  if (a_user || b_user) {
    if (a_user && inplace) {
      Value m = lookup_special(a, binop_idunder(op));
      if (!m.is_undef()) {
        Value r = call(m, std::span<const Value>(&b, 1));
        if (!is_not_implemented(r)) return r;
      }
    }
    // A subclass's reflected method goes first (CPython's rule).
    bool b_first = b_user && !type_of(a).same(type_of(b)) && is_subclass(type_of(b), type_of(a));
    if (b_first) {
      Value m = lookup_special(b, binop_rdunder(op));
      if (!m.is_undef()) {
        Value r = call(m, std::span<const Value>(&a, 1));
        if (!is_not_implemented(r)) return r;
      }
    }
    if (a_user) {
      Value m = lookup_special(a, binop_dunder(op));
      if (!m.is_undef()) {
        Value r = call(m, std::span<const Value>(&b, 1));
        if (!is_not_implemented(r)) return r;
      }
    }
    if (b_user && !b_first && !type_of(a).same(type_of(b))) {
      // A builtin number on the left tries its own operation first, and it
      // accepts an instance of an int or float subclass on the right (True |
      // IntFlag(2) is 3 unless the right type derives from bool).
      Value ub = a_user ? Value() : number_subclass_operand(*this, a, b);
      if (!ub.is_undef()) {
        Value r = builtin_binary(*this, op, a, ub, inplace);
        if (!r.is_undef()) return r;
      }
      Value m = lookup_special(b, binop_rdunder(op));
      if (!m.is_undef()) {
        Value r = call(m, std::span<const Value>(&a, 1));
        if (!is_not_implemented(r)) return r;
      }
    }
    // A builtin left operand may still accept it: "%s" % obj, seq * obj.
    if (!a_user) {
      Value r = builtin_binary(*this, op, a, b, inplace);
      if (!r.is_undef()) return r;
    }
    // Subclasses of builtin types without their own dunder: the builtin
    // operation on the wrapped values (E(1) + 1 is a plain int). An in-place
    // operation that mutated the value (MyList += ...) still yields the
    // instance.
    Value ua = subclass_value(*this, a), ub = subclass_value(*this, b);
    if (!ua.is_undef() || !ub.is_undef()) {
      Value x = ua.is_undef() ? a : ua, y = ub.is_undef() ? b : ub;
      Value r = builtin_binary(*this, op, x, y, inplace);
      if (!r.is_undef()) return inplace && !ua.is_undef() && r.same(ua) ? a : r;
    }
  } else {
    Value r = builtin_binary(*this, op, a, b, inplace);
    if (!r.is_undef()) return r;
  }
  if (op == BinOp::Add && bytes_like_data(*this, a) && !bytes_like_data(*this, b)) {
    type_error("can't concat " + type_name(b) + " to " + type_name(a));
  }
  if (op == BinOp::Add && is_str(a)) {
    type_error("can only concatenate str (not \"" + type_name(b) + "\") to str");
  }
  if (op == BinOp::Add && (is_list(a) || is_tuple(a)) && !b_user) {
    type_error("can only concatenate " + type_name(a) + " (not \"" + type_name(b) + "\") to " +
               type_name(a));
  }
  if (op == BinOp::Or) {
    Value u = make_union(a, b);
    if (!u.is_undef()) return u;
  }
  if (op == BinOp::Mul) {
    // A sequence times an object with __index__ (its count): [0] * Count().
    auto is_seq = [this](Value v) {
      return v.is_obj() && (is_str(v) || is_list(v) || is_tuple(v) || bytes_like_data(*this, v));
    };
    Value seq = is_seq(a) ? a : b, other = is_seq(a) ? b : a;
    if (is_seq(seq) && other.is_obj() && kind(other) == ObjKind::Instance &&
        !lookup_special(other, "__index__").is_undef()) {
      return binary_op(op, seq, Value::integer(to_index(other)), inplace);
    }
  }
  if (op == BinOp::Mul && ((a.is_obj() && (is_str(a) || is_list(a) || is_tuple(a))) ||
                           (b.is_obj() && (is_str(b) || is_list(b) || is_tuple(b))))) {
    Value other = (is_str(a) || is_list(a) || is_tuple(a)) ? b : a;
    if (!is_integer(other))
      type_error("can't multiply sequence by non-int of type '" + type_name(other) + "'");
  }
  std::string sym = binop_symbol(op);
  if (inplace && op != BinOp::Pow) sym += "=";
  if (inplace && op == BinOp::Pow) sym = "**=";
  type_error("unsupported operand type(s) for " + sym + ": '" + type_name(a) + "' and '" +
             type_name(b) + "'");
}

Value VM::inplace_add_owned(Value a, Value b, bool owned) {
  fresh_result_ = false;
  if (is_str(a) && is_str(b)) {
    auto* x = as<StrObj>(a);
    const auto* y = as<StrObj>(b);
    if (owned && !a.same(b)) {
      check_alloc(x->data.size() + y->data.size());
      size_t before = x->data.capacity();
      x->data += y->data;
      x->length += y->length;
      x->ascii = x->ascii && y->ascii;
      x->hash = -1;
      heap.add_bytes(static_cast<int64_t>(x->data.capacity()) - static_cast<int64_t>(before));
      fresh_result_ = true;
      return a;
    }
    Value r = binary_op(BinOp::Add, a, b, true);
    fresh_result_ = !r.same(a) && !r.same(b);
    return r;
  }
  return binary_op(BinOp::Add, a, b, true);
}

Value VM::unary_op(UnaryOp op, Value a) {
  if (op == UnaryOp::Not) return Value::boolean(!truthy(a));
  if (a.is_int() || a.is_bool()) {
    switch (op) {
      case UnaryOp::Neg:
        if (a.i == INT64_MIN) return new_int(BigInt::neg(BigInt(a.i)));
        return Value::integer(-a.i);
      case UnaryOp::Pos:
        return Value::integer(a.i);
      case UnaryOp::Invert:
        return Value::integer(~a.i);
      default:
        break;
    }
  }
  if (a.is_float()) {
    if (op == UnaryOp::Neg) return Value::floating(-a.f);
    if (op == UnaryOp::Pos) return a;
  }
  if (is_bigint(a)) {
    const BigInt& x = as<BigIntObj>(a)->value;
    if (op == UnaryOp::Neg) return new_int(BigInt::neg(x));
    if (op == UnaryOp::Pos) return a;
    if (op == UnaryOp::Invert) return new_int(BigInt::bit_not(x));
  }
  const char* dunder = op == UnaryOp::Neg   ? "__neg__"
                       : op == UnaryOp::Pos ? "__pos__"
                                            : "__invert__";
  Value m = lookup_special(a, dunder);
  if (!m.is_undef()) return call(m);
  Value inner = subclass_value(*this, a);
  if (!inner.is_undef()) return unary_op(op, inner);
  const char* sym = op == UnaryOp::Neg ? "-" : op == UnaryOp::Pos ? "+" : "~";
  type_error(std::string("bad operand type for unary ") + sym + ": '" + type_name(a) + "'");
}

// ---------------------------------------------------------------------------
// Truth, hashing, comparison
// ---------------------------------------------------------------------------
bool VM::truthy(Value v) {
  switch (v.tag) {
    case Tag::Undef:
    case Tag::None:
      return false;
    case Tag::Bool:
    case Tag::Int:
      return v.i != 0;
    case Tag::Float:
      return v.f != 0;
    case Tag::BuiltinFn:
    case Tag::Type:
      return true;
    case Tag::Obj:
      break;
  }
  HeapObject* o = heap.get(v);
  switch (o->kind) {
    case ObjKind::Str:
      return !static_cast<StrObj*>(o)->data.empty();
    case ObjKind::Bytes:
      return !static_cast<BytesObj*>(o)->data.empty();
    case ObjKind::ByteArray:
      return !static_cast<ByteArrayObj*>(o)->data.empty();
    case ObjKind::BigInt:
      return true;
    case ObjKind::List:
      return !static_cast<ListObj*>(o)->items.empty();
    case ObjKind::Tuple:
      return !static_cast<TupleObj*>(o)->items.empty();
    case ObjKind::Dict:
      return !static_cast<DictObj*>(o)->dict.empty();
    case ObjKind::Set:
      return !static_cast<SetObj*>(o)->table.empty();
    case ObjKind::Range:
      return static_cast<RangeObj*>(o)->length() != 0;
    case ObjKind::DictView:
      return dict_view_len(*this, v) != 0;
    case ObjKind::Instance: {
      Value m = lookup_special(v, "__bool__");
      if (!m.is_undef()) {
        Value r = call(m);
        if (!r.is_bool()) type_error("__bool__ should return bool, returned " + type_name(r));
        return r.i != 0;
      }
      m = lookup_special(v, "__len__");
      if (!m.is_undef()) return len(v) != 0;
      Value inner = static_cast<InstanceObj*>(o)->builtin_value;
      if (!inner.is_undef()) return truthy(inner);
      return true;
    }
    default:
      return true;
  }
}

static int64_t hash_double(double d) {
  // CPython's numeric hash: exact for integral values, modulus 2**61 - 1.
  if (std::isinf(d)) return d > 0 ? 314159 : -314159;
  if (std::isnan(d)) return 0;
  const uint64_t kMod = (uint64_t{1} << 61) - 1;
  int e;
  double m = std::frexp(d, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & kMod) | x >> (61 - 28);
    m *= 268435456.0;
    e -= 28;
    uint64_t y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kMod) x -= kMod;
  }
  e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
  x = ((x << e) & kMod) | x >> (61 - e);
  int64_t h = static_cast<int64_t>(x) * sign;
  if (h == -1) h = -2;
  return h;
}

static int64_t hash_small_int(int64_t v) {
  const int64_t kMod = (int64_t{1} << 61) - 1;
  int64_t h = v >= 0 ? v % kMod : -((-(v + 1)) % kMod + 1);
  if (v < 0 && h == 0) h = 0;
  if (h == -1) h = -2;
  return h;
}

// CPython's str/bytes hash: SipHash-1-3 (its default since 3.11) keyed with
// the hash secret, which PYTHONHASHSEED=0 makes all zeros. Matching it
// exactly makes set/dict-of-str iteration order (which follows the hash)
// identical to `PYTHONHASHSEED=0 python3`, the oracle of the test corpus.
static inline uint64_t rotl64(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

static uint64_t siphash13(const unsigned char* in, size_t n) {
  // Zero key: v0..v3 are the SipHash initialisation constants themselves.
  uint64_t v0 = 0x736f6d6570736575ull, v1 = 0x646f72616e646f6dull;
  uint64_t v2 = 0x6c7967656e657261ull, v3 = 0x7465646279746573ull;
  auto round = [&] {
    v0 += v1;
    v2 += v3;
    v1 = rotl64(v1, 13) ^ v0;
    v3 = rotl64(v3, 16) ^ v2;
    v0 = rotl64(v0, 32);
    v2 += v1;
    v0 += v3;
    v1 = rotl64(v1, 17) ^ v2;
    v3 = rotl64(v3, 21) ^ v0;
    v2 = rotl64(v2, 32);
  };
  const uint64_t total = n;
  for (; n >= 8; in += 8, n -= 8) {
    uint64_t m = 0;
    for (int i = 7; i >= 0; i--) m = (m << 8) | in[i];  // little-endian word
    v3 ^= m;
    round();  // one compression round (the "1" of SipHash-1-3)
    v0 ^= m;
  }
  uint64_t last = total << 56;
  for (size_t i = 0; i < n; i++) last |= static_cast<uint64_t>(in[i]) << (8 * i);
  v3 ^= last;
  round();
  v0 ^= last;
  v2 ^= 0xff;
  round();  // three finalization rounds
  round();
  round();
  return v0 ^ v1 ^ v2 ^ v3;
}

// _Py_HashBytes: the empty input hashes to 0; -1 is reserved for errors.
static int64_t hash_bytes(std::string_view s) {
  if (s.empty()) return 0;
  int64_t r =
      static_cast<int64_t>(siphash13(reinterpret_cast<const unsigned char*>(s.data()), s.size()));
  return r == -1 ? -2 : r;
}

// CPython hashes a str over its compact internal representation: one byte per
// code point if all are < 256, else two (UCS-2) if all are < 0x10000, else
// four, little-endian. ASCII strings are their own representation.
static int64_t hash_str(const StrObj* s) {
  if (s->ascii) return hash_bytes(s->data);
  std::vector<uint32_t> cps;
  cps.reserve(s->length);
  uint32_t max_cp = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s->data.data());
  const auto* end = p + s->data.size();
  while (p < end) {
    uint32_t c = *p;
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (extra) c &= (0x3F >> extra);
    p++;
    for (int i = 0; i < extra && p < end; i++, p++) c = (c << 6) | (*p & 0x3F);
    cps.push_back(c);
    if (c > max_cp) max_cp = c;
  }
  size_t width = max_cp < 0x100 ? 1 : max_cp < 0x10000 ? 2 : 4;
  std::string buf(cps.size() * width, '\0');
  for (size_t i = 0; i < cps.size(); i++)
    for (size_t b = 0; b < width; b++)
      buf[i * width + b] = static_cast<char>((cps[i] >> (8 * b)) & 0xFF);
  return hash_bytes(buf);
}

// ---------------------------------------------------------------------------
// Unions of types (PEP 604): int | None
// ---------------------------------------------------------------------------
Value VM::union_members(Value v) {
  if (!v.is_obj() || kind(v) != ObjKind::Instance) return Value();
  auto* inst = as<InstanceObj>(v);
  if (!inst->cls.is_type() || inst->cls.id != static_cast<uint32_t>(BuiltinTypeId::UnionType))
    return Value();
  // The members are kept in the instance's args tuple, which no protocol
  // reads for non-exceptions (a builtin value would make len() and iter()
  // treat the union as a tuple).
  return is_kind(inst->args, ObjKind::Tuple) ? inst->args : Value();
}

// `a | b` for types, None and unions: the union of their members in order,
// without repeats (a single member is that type itself). Undef when an
// operand is not one of those, or both are None (the `|` comes from type's
// __or__/__ror__, so one side must be a type): the caller raises the TypeError.
Value VM::make_union(Value a, Value b) {
  if (a.is_none() && b.is_none()) return Value();
  std::vector<Value> members;
  auto add = [&](Value t) {
    if (t.is_none()) t = Value::type(static_cast<uint32_t>(BuiltinTypeId::NoneType));
    for (Value m : members)
      if (m.same(t)) return;
    members.push_back(t);
  };
  for (Value operand : {a, b}) {
    if (Value u = union_members(operand); !u.is_undef()) {
      for (Value m : as<TupleObj>(u)->items) add(m);
    } else if (operand.is_type() || operand.is_none() || is_kind(operand, ObjKind::Class) ||
               !typing_form_name(*this, operand).empty()) {
      add(operand);
    } else {
      return Value();
    }
  }
  if (members.size() == 1) return members[0];
  Value u = heap.make<InstanceObj>(Value::type(static_cast<uint32_t>(BuiltinTypeId::UnionType)));
  as<InstanceObj>(u)->args = new_tuple(std::move(members));
  return u;
}

// Bound methods are made afresh by each attribute read; two are equal when
// they bind the same function to the same object (`obj.on == obj.on`, so a
// callback list can remove one), as in CPython.
static bool same_method(VM& vm, Value a, Value b) {
  if (!a.is_obj() || !b.is_obj() || vm.kind(a) != vm.kind(b)) return false;
  if (vm.kind(a) == ObjKind::BoundMethod) {
    auto* x = vm.as<BoundMethodObj>(a);
    auto* y = vm.as<BoundMethodObj>(b);
    return x->func.same(y->func) && x->self.same(y->self);
  }
  if (vm.kind(a) == ObjKind::BuiltinMethod) {
    auto* x = vm.as<BuiltinMethodObj>(a);
    auto* y = vm.as<BuiltinMethodObj>(b);
    return x->type_id == y->type_id && x->method_index == y->method_index && x->self.same(y->self);
  }
  return false;
}

// The hash of a Value's identity (what Value::same compares).
static int64_t identity_hash(VM& vm, Value v) {
  if (v.is_obj()) return static_cast<int64_t>(v.id) * 16 + 7;
  if (v.is_float()) {
    uint64_t bits;  // (no std::bit_cast in Emscripten 3.1.6's libc++)
    std::memcpy(&bits, &v.f, sizeof bits);
    return static_cast<int64_t>(bits >> 3);
  }
  return vm.hash(v);
}

int64_t VM::hash(Value v) {
  switch (v.tag) {
    case Tag::None:
      return 0x5f5e100;
    case Tag::Bool:
    case Tag::Int:
      return hash_small_int(v.i);
    case Tag::Float:
      return hash_double(v.f);
    case Tag::BuiltinFn:
    case Tag::Type:
      return static_cast<int64_t>(v.id) * 7919 + static_cast<int64_t>(v.tag);
    case Tag::Undef:
      return 0;
    case Tag::Obj:
      break;
  }
  HeapObject* o = heap.get(v);
  switch (o->kind) {
    case ObjKind::Str: {
      auto* s = static_cast<StrObj*>(o);
      if (s->hash == -1) s->hash = hash_str(s);
      return s->hash;
    }
    case ObjKind::Bytes: {
      auto* s = static_cast<BytesObj*>(o);
      if (s->hash == -1) s->hash = hash_bytes(s->data);
      return s->hash;
    }
    case ObjKind::BigInt:
      return static_cast<BigIntObj*>(o)->value.hash();
    case ObjKind::Tuple: {
      auto* t = static_cast<TupleObj*>(o);
      if (t->hash != -1) return t->hash;
      DepthGuard guard(*this, " while calling a Python object");
      // CPython's tuple hash (xxHash-based).
      const uint64_t p1 = 11400714785074694791ull, p2 = 14029467366897019727ull,
                     p5 = 2870177450012600261ull;
      uint64_t acc = p5;
      size_t n = t->items.size();
      for (size_t i = 0; i < n; i++) {
        uint64_t lane = static_cast<uint64_t>(hash(as<TupleObj>(v)->items[i]));
        acc += lane * p2;
        acc = (acc << 31) | (acc >> 33);
        acc *= p1;
      }
      acc += n ^ (p5 ^ 3527539ull);
      int64_t h = static_cast<int64_t>(acc);
      if (h == -1) h = 1546275796;
      as<TupleObj>(v)->hash = h;
      return h;
    }
    case ObjKind::Set: {
      auto* s = static_cast<SetObj*>(o);
      if (!s->frozen) type_error("unhashable type: 'set'");
      if (s->hash != -1) return s->hash;
      // CPython's frozenset_hash: an order-independent xor of the shuffled
      // entry hashes (its empty and dummy slots cancel out), the size, then
      // a final dispersion so nested frozensets don't collide.
      auto shuffle = [](uint64_t x) { return ((x ^ 89869747ull) ^ (x << 16)) * 3644798167ull; };
      uint64_t h = 0;
      for (const auto& e : s->table.entries()) {
        if (e.key.is_undef()) continue;
        h ^= shuffle(static_cast<uint64_t>(e.hash));
      }
      h ^= (s->table.size() + 1) * 1927868237ull;
      h ^= (h >> 11) ^ (h >> 25);
      h = h * 69069u + 907133923ull;
      int64_t r = static_cast<int64_t>(h);
      if (r == -1) r = 590923713;
      s->hash = r;
      return r;
    }
    case ObjKind::List:
      type_error("unhashable type: 'list'");
    case ObjKind::ByteArray:
      type_error("unhashable type: 'bytearray'");
    case ObjKind::Dict:
      type_error("unhashable type: 'dict'");
    case ObjKind::Slice:
      type_error("unhashable type: 'slice'");
    case ObjKind::KeyWrapper:
      type_error("unhashable type: 'functools.KeyWrapper'");
    case ObjKind::Instance: {
      Value cls = static_cast<InstanceObj*>(o)->cls;
      if (is_kind(cls, ObjKind::Class)) {
        Value h = class_lookup(cls, intern("__hash__"));
        if (h.is_none()) type_error("unhashable type: '" + type_name(v) + "'");
        if (!h.is_undef()) {
          Value r = call(h, std::span<const Value>(&v, 1));
          if (!is_integer(r)) type_error("__hash__ method should return an integer");
          // As CPython: an int that fits is the hash itself (-1 becomes -2);
          // a bigger one is reduced like hash(int).
          if (r.is_int()) return r.i == -1 ? -2 : r.i;
          if (r.is_bool()) return r.i;
          return hash(r);
        }
        // Defining __eq__ without __hash__ makes instances unhashable.
        if (!class_lookup(cls, intern("__eq__")).is_undef())
          type_error("unhashable type: '" + type_name(v) + "'");
        // Subclasses of builtin types hash like their value (a str subclass
        // like the str); those of unhashable ones are unhashable.
        Value inner = static_cast<InstanceObj*>(o)->builtin_value;
        if (!inner.is_undef()) {
          ObjKind k = kind(inner);
          if (k == ObjKind::List || k == ObjKind::Dict ||
              (k == ObjKind::Set && !as<SetObj>(inner)->frozen)) {
            type_error("unhashable type: '" + type_name(v) + "'");
          }
          return hash(inner);
        }
      }
      return static_cast<int64_t>(v.id) * 16 + 7;
    }
    case ObjKind::BoundMethod: {  // consistent with same_method
      auto* bm = static_cast<BoundMethodObj*>(o);
      int64_t h = identity_hash(*this, bm->self) ^ (identity_hash(*this, bm->func) * 31);
      return h == -1 ? -2 : h;
    }
    case ObjKind::BuiltinMethod: {
      auto* bm = static_cast<BuiltinMethodObj*>(o);
      int64_t h = identity_hash(*this, bm->self) ^
                  (static_cast<int64_t>(bm->type_id) * 1000003 + bm->method_index);
      return h == -1 ? -2 : h;
    }
    default:
      return static_cast<int64_t>(v.id) * 16 + 7;
  }
}

bool VM::eq(Value a, Value b) {
  if (a.same(b) && !a.is_float()) return true;
  if ((a.is_int() || a.is_bool()) && (b.is_int() || b.is_bool())) return a.i == b.i;
  if (a.is_float() && b.is_float()) return a.f == b.f;
  if (a.is_obj() && b.is_obj()) {
    ObjKind ka = kind(a), kb = kind(b);
    if (ka == ObjKind::Str && kb == ObjKind::Str) {
      auto* x = as<StrObj>(a);
      auto* y = as<StrObj>(b);
      if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) return false;
      return x->data == y->data;
    }
  }
  return truthy(compare(CmpArg::Eq, a, b));
}

bool VM::lt(Value a, Value b) {
  if (a.is_int() && b.is_int()) return a.i < b.i;
  if (a.is_float() && b.is_float()) return a.f < b.f;
  return truthy(compare(CmpArg::Lt, a, b));
}

static int compare_numbers(VM& vm, Value a, Value b, bool* unordered) {
  *unordered = false;
  if (a.is_float() || b.is_float()) {
    if (a.is_float() && b.is_float()) {
      if (std::isnan(a.f) || std::isnan(b.f)) {
        *unordered = true;
        return 0;
      }
      return a.f < b.f ? -1 : a.f > b.f ? 1 : 0;
    }
    // int vs float: compare exactly (CPython never rounds the int).
    double f = a.is_float() ? a.f : b.f;
    Value i = a.is_float() ? b : a;
    int flip = a.is_float() ? -1 : 1;
    if (std::isnan(f)) {
      *unordered = true;
      return 0;
    }
    if (std::isinf(f)) return flip * (f > 0 ? -1 : 1);
    BigInt fi = BigInt::from_double(std::floor(f));
    BigInt iv = to_big(vm, i);
    int c = BigInt::compare(iv, fi);
    if (c == 0 && std::floor(f) != f) c = -1;  // iv == floor(f) < f
    return flip * c;
  }
  if ((a.is_int() || a.is_bool()) && (b.is_int() || b.is_bool()))
    return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
  return BigInt::compare(to_big(vm, a), to_big(vm, b));
}

static bool apply_cmp(CmpArg op, int c) {
  switch (op) {
    case CmpArg::Lt:
      return c < 0;
    case CmpArg::LtE:
      return c <= 0;
    case CmpArg::Eq:
      return c == 0;
    case CmpArg::NotEq:
      return c != 0;
    case CmpArg::Gt:
      return c > 0;
    case CmpArg::GtE:
      return c >= 0;
  }
  return false;
}

static const char* cmp_symbol(CmpArg op) {
  switch (op) {
    case CmpArg::Lt:
      return "<";
    case CmpArg::LtE:
      return "<=";
    case CmpArg::Eq:
      return "==";
    case CmpArg::NotEq:
      return "!=";
    case CmpArg::Gt:
      return ">";
    case CmpArg::GtE:
      return ">=";
  }
  return "?";
}

static const char* cmp_dunder(CmpArg op) {
  switch (op) {
    case CmpArg::Lt:
      return "__lt__";
    case CmpArg::LtE:
      return "__le__";
    case CmpArg::Eq:
      return "__eq__";
    case CmpArg::NotEq:
      return "__ne__";
    case CmpArg::Gt:
      return "__gt__";
    case CmpArg::GtE:
      return "__ge__";
  }
  return "";
}

static CmpArg cmp_swapped(CmpArg op) {
  switch (op) {
    case CmpArg::Lt:
      return CmpArg::Gt;
    case CmpArg::LtE:
      return CmpArg::GtE;
    case CmpArg::Gt:
      return CmpArg::Lt;
    case CmpArg::GtE:
      return CmpArg::LtE;
    default:
      return op;
  }
}

// Builtin comparison; Undef when the types don't support it.
static Value builtin_compare(VM& vm, CmpArg op, Value a, Value b) {
  if (is_number(vm, a) && is_number(vm, b)) {
    bool unordered;
    int c = compare_numbers(vm, a, b, &unordered);
    if (unordered) return Value::boolean(op == CmpArg::NotEq);
    return Value::boolean(apply_cmp(op, c));
  }
  if (a.is_obj() && b.is_obj()) {
    ObjKind ka = vm.kind(a), kb = vm.kind(b);
    if (ka == ObjKind::Str && kb == ObjKind::Str) {
      int c = vm.as<StrObj>(a)->data.compare(vm.as<StrObj>(b)->data);
      return Value::boolean(apply_cmp(op, c));
    }
    if ((ka == ObjKind::Bytes || ka == ObjKind::ByteArray) &&
        (kb == ObjKind::Bytes || kb == ObjKind::ByteArray)) {
      int c = bytes_like_data(vm, a)->compare(*bytes_like_data(vm, b));
      return Value::boolean(apply_cmp(op, c));
    }
    if (ka == ObjKind::List && kb == ObjKind::List) {
      std::vector<Value> x = vm.as<ListObj>(a)->items, y = vm.as<ListObj>(b)->items;
      return sequence_compare(vm, op, x, y);
    }
    if (ka == ObjKind::Tuple && kb == ObjKind::Tuple) {
      return sequence_compare(vm, op, vm.as<TupleObj>(a)->items, vm.as<TupleObj>(b)->items);
    }
    if (ka == ObjKind::Set && kb == ObjKind::Set) return set_compare(vm, op, a, b);
    if ((ka == ObjKind::DictView || kb == ObjKind::DictView) &&
        (ka == ObjKind::DictView || ka == ObjKind::Set) &&
        (kb == ObjKind::DictView || kb == ObjKind::Set)) {
      // keys() and items() views compare like sets.
      auto as_set = [&](Value v, ObjKind k) {
        if (k == ObjKind::Set) return v;
        if (vm.as<DictViewObj>(v)->type == BuiltinTypeId::DictValues) return Value();
        Value s = vm.new_set(false);
        set_update_from(vm, s, v);
        return s;
      };
      Value x = as_set(a, ka), y = as_set(b, kb);
      if (x.is_undef() || y.is_undef()) return Value();
      return set_compare(vm, op, x, y);
    }
    if (ka == ObjKind::Dict && kb == ObjKind::Dict && (op == CmpArg::Eq || op == CmpArg::NotEq)) {
      bool e = dict_eq(vm, a, b);
      return Value::boolean(op == CmpArg::Eq ? e : !e);
    }
    if (ka == ObjKind::Slice && kb == ObjKind::Slice) {
      auto* x = vm.as<SliceObj>(a);
      auto* y = vm.as<SliceObj>(b);
      return sequence_compare(vm, op, std::vector<Value>{x->start, x->stop, x->step},
                              std::vector<Value>{y->start, y->stop, y->step});
    }
    if (ka == ObjKind::Range && kb == ObjKind::Range && (op == CmpArg::Eq || op == CmpArg::NotEq)) {
      bool e = range_eq(vm, a, b);
      return Value::boolean(op == CmpArg::Eq ? e : !e);
    }
  }
  return Value();
}

Value builtin_compare_op(VM& vm, CmpArg op, Value a, Value b) {
  return builtin_compare(vm, op, a, b);
}

Value VM::compare(CmpArg op, Value a, Value b) {
  // functools.cmp_to_key's objects: cmp(a.obj, b.obj) against 0.
  if (is_kind(a, ObjKind::KeyWrapper) || is_kind(b, ObjKind::KeyWrapper)) [[unlikely]] {
    if (!is_kind(a, ObjKind::KeyWrapper) || !is_kind(b, ObjKind::KeyWrapper))
      type_error("other argument must be K instance");
    const auto* ka = as<WrapperObj>(a);
    const auto* kb = as<WrapperObj>(b);
    if (ka->f1.is_undef() || kb->f1.is_undef()) type_error("object is not a K instance");
    Value pair[2] = {ka->f1, kb->f1};
    Value r = call(ka->f0, std::span<const Value>(pair, 2));
    return compare(op, r, Value::integer(0));
  }
  bool a_user = is_kind(a, ObjKind::Instance) && is_kind(as<InstanceObj>(a)->cls, ObjKind::Class);
  bool b_user = is_kind(b, ObjKind::Instance) && is_kind(as<InstanceObj>(b)->cls, ObjKind::Class);
  if (a_user || b_user) {
    DepthGuard guard(*this, " in comparison");
    bool b_first = b_user && !type_of(a).same(type_of(b)) && is_subclass(type_of(b), type_of(a));
    if (b_first) {
      Value m = lookup_special(b, cmp_dunder(cmp_swapped(op)));
      if (!m.is_undef()) {
        Value r = call(m, std::span<const Value>(&a, 1));
        if (!is_not_implemented(r)) return r;
      }
    }
    if (a_user) {
      Value m = lookup_special(a, cmp_dunder(op));
      if (!m.is_undef()) {
        Value r = call(m, std::span<const Value>(&b, 1));
        if (!is_not_implemented(r)) return r;
      } else if (op == CmpArg::NotEq) {
        Value eqm = lookup_special(a, "__eq__");
        if (!eqm.is_undef()) {
          Value r = call(eqm, std::span<const Value>(&b, 1));
          if (!is_not_implemented(r)) return Value::boolean(!truthy(r));
        }
      }
    }
    if (b_user && !b_first) {
      // As in binary_op: 1.5 < IntSubclass(2) is float's comparison.
      Value ub = a_user ? Value() : number_subclass_operand(*this, a, b);
      if (!ub.is_undef()) {
        Value r = builtin_compare(*this, op, a, ub);
        if (!r.is_undef()) return r;
      }
      Value m = lookup_special(b, cmp_dunder(cmp_swapped(op)));
      if (!m.is_undef()) {
        Value r = call(m, std::span<const Value>(&a, 1));
        if (!is_not_implemented(r)) return r;
      }
    }
    // Subclasses of builtin types compare like their values.
    Value ua = subclass_value(*this, a), ub = subclass_value(*this, b);
    if (!ua.is_undef() || !ub.is_undef()) {
      Value r = builtin_compare(*this, op, ua.is_undef() ? a : ua, ub.is_undef() ? b : ub);
      if (!r.is_undef()) return r;
    }
  } else {
    Value r = builtin_compare(*this, op, a, b);
    if (!r.is_undef()) return r;
  }
  if (op == CmpArg::Eq || op == CmpArg::NotEq) {
    bool equal = a.same(b) || same_method(*this, a, b);
    return Value::boolean(op == CmpArg::Eq ? equal : !equal);
  }
  type_error(std::string("'") + cmp_symbol(op) + "' not supported between instances of '" +
             type_name(a) + "' and '" + type_name(b) + "'");
}

// ---------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------
bool VM::contains(Value container, Value item) {
  if (container.is_obj()) {
    HeapObject* o = heap.get(container);
    switch (o->kind) {
      case ObjKind::Str:
        return str_contains(*this, container, item);
      case ObjKind::Bytes:
      case ObjKind::ByteArray:
        return bytes_contains(*this, container, item);
      case ObjKind::List: {
        for (size_t i = 0; i < as<ListObj>(container)->items.size(); i++) {
          Value x = as<ListObj>(container)->items[i];
          if (x.same(item) || eq(x, item)) return true;
        }
        return false;
      }
      case ObjKind::Tuple: {
        for (Value x : as<TupleObj>(container)->items)
          if (x.same(item) || eq(x, item)) return true;
        return false;
      }
      case ObjKind::Dict:
        return as<DictObj>(container)->dict.find(*this, item) != nullptr;
      case ObjKind::Set:
        return as<SetObj>(container)->table.find(*this, item) != nullptr;
      case ObjKind::Range:
        return range_contains(*this, container, item);
      case ObjKind::DictView:
        return dict_view_contains(*this, container, item);
      case ObjKind::Instance: {
        Value m = lookup_special(container, "__contains__");
        if (!m.is_undef()) return truthy(call(m, std::span<const Value>(&item, 1)));
        // Subclasses of builtin types inherit the type's __contains__.
        Value inner = static_cast<InstanceObj*>(o)->builtin_value;
        if (!inner.is_undef()) return contains(inner, item);
        break;
      }
      case ObjKind::Class:
        if (Value members = enum_members(*this, container); !members.is_undef()) {
          // Color.RED in Color; CPython 3.11 refuses a non-member.
          if (!is_kind(item, ObjKind::Instance) || !isinstance(item, container))
            type_error("unsupported operand type(s) for 'in': '" + type_name(item) +
                       "' and 'EnumType'");
          for (Value m : as<ListObj>(members)->items)
            if (m.same(item)) return true;
          return false;
        }
        break;
      default:
        break;
    }
  }
  Value it;
  Value m = lookup_special(container, "__iter__");
  if (m.is_undef() && !is_kind(container, ObjKind::Iterator) &&
      !is_kind(container, ObjKind::Generator) &&
      lookup_special(container, "__getitem__").is_undef()) {
    type_error("argument of type '" + type_name(container) + "' is not iterable");
  }
  it = iter(container);
  Value x;
  while (next(it, &x))
    if (x.same(item) || eq(x, item)) return true;
  return false;
}

int64_t VM::len(Value v) {
  if (v.is_obj()) {
    HeapObject* o = heap.get(v);
    switch (o->kind) {
      case ObjKind::Str:
        return static_cast<StrObj*>(o)->length;
      case ObjKind::Bytes:
        return static_cast<int64_t>(static_cast<BytesObj*>(o)->data.size());
      case ObjKind::ByteArray:
        return static_cast<int64_t>(static_cast<ByteArrayObj*>(o)->data.size());
      case ObjKind::List:
        return static_cast<int64_t>(static_cast<ListObj*>(o)->items.size());
      case ObjKind::Tuple:
        return static_cast<int64_t>(static_cast<TupleObj*>(o)->items.size());
      case ObjKind::Dict:
        return static_cast<int64_t>(static_cast<DictObj*>(o)->dict.size());
      case ObjKind::Set:
        return static_cast<int64_t>(static_cast<SetObj*>(o)->table.size());
      case ObjKind::Range:
        return static_cast<RangeObj*>(o)->length();
      case ObjKind::DictView:
        return dict_view_len(*this, v);
      case ObjKind::Instance: {
        Value m = lookup_special(v, "__len__");
        if (m.is_undef()) {
          Value inner = static_cast<InstanceObj*>(o)->builtin_value;
          if (!inner.is_undef()) return len(inner);
          break;
        }
        Value r = call(m);
        if (!is_integer(r))
          type_error("'" + type_name(r) + "' object cannot be interpreted as an integer");
        if (is_bigint(r))
          raise(BuiltinTypeId::OverflowError, "cannot fit 'int' into an index-sized integer");
        if (r.i < 0) value_error("__len__() should return >= 0");
        return r.i;
      }
      case ObjKind::Class:
        if (Value members = enum_members(*this, v); !members.is_undef())
          return static_cast<int64_t>(as<ListObj>(members)->items.size());  // len(Color)
        break;
      default:
        break;
    }
  }
  type_error("object of type '" + type_name(v) + "' has no len()");
}

Value VM::getitem(Value container, Value key) {
  if (container.is_obj()) {
    HeapObject* o = heap.get(container);
    switch (o->kind) {
      case ObjKind::List:
        return list_getitem(*this, container, key);
      case ObjKind::Tuple:
        return tuple_getitem(*this, container, key);
      case ObjKind::Str:
        return str_getitem(*this, container, key);
      case ObjKind::Bytes:
      case ObjKind::ByteArray:
        return bytes_getitem(*this, container, key);
      case ObjKind::Dict:
        return dict_getitem(*this, container, key);
      case ObjKind::Range:
        return range_getitem(*this, container, key);
      case ObjKind::Instance: {
        if (!typing_form_name(*this, container).empty())
          return typing_form_getitem(*this, container, key);
        if (!union_members(container).is_undef())
          type_error(repr_str(container) + " is not a generic class");
        Value m = lookup_special(container, "__getitem__");
        if (!m.is_undef()) return call(m, std::span<const Value>(&key, 1));
        Value inner = static_cast<InstanceObj*>(o)->builtin_value;
        if (inner.is_undef()) break;
        if (is_dict(inner)) {
          // dict subclasses: a missing key goes to __missing__ if defined.
          if (Dict::Entry* e = as<DictObj>(inner)->dict.find(*this, key)) return e->value;
          Value missing = lookup_special(container, "__missing__");
          if (missing.is_undef()) key_error(key);
          return call(missing, std::span<const Value>(&key, 1));
        }
        return getitem(inner, key);
      }
      case ObjKind::Class: {
        Value m = class_lookup(container, intern("__class_getitem__"));
        if (is_kind(m, ObjKind::ClassMethod)) {
          Value args[2] = {container, key};
          return call(as<WrapperObj>(m)->f0, std::span<const Value>(args, 2));
        }
        if (!m.is_undef()) return call(m, std::span<const Value>(&key, 1));
        type_error("type '" + class_name(container) + "' is not subscriptable");
      }
      default:
        break;
    }
  }
  if (container.is_type()) {
    // list[int] and friends: generic aliases are accepted and ignored.
    return container;
  }
  type_error("'" + type_name(container) + "' object is not subscriptable");
}

void VM::setitem(Value container, Value key, Value value) {
  if (container.is_obj()) {
    HeapObject* o = heap.get(container);
    switch (o->kind) {
      case ObjKind::List:
        list_setitem(*this, container, key, value);
        return;
      case ObjKind::ByteArray:
        bytearray_setitem(*this, container, key, value);
        return;
      case ObjKind::Dict:
        as<DictObj>(container)->dict.set(*this, key, value);
        return;
      case ObjKind::Instance: {
        Value m = lookup_special(container, "__setitem__");
        if (!m.is_undef()) {
          Value args[2] = {key, value};
          call(m, std::span<const Value>(args, 2));
          return;
        }
        Value inner = static_cast<InstanceObj*>(o)->builtin_value;
        if (!inner.is_undef() && (is_list(inner) || is_dict(inner))) {
          setitem(inner, key, value);
          return;
        }
        break;
      }
      default:
        break;
    }
  }
  type_error("'" + type_name(container) + "' object does not support item assignment");
}

void VM::delitem(Value container, Value key) {
  if (container.is_obj()) {
    HeapObject* o = heap.get(container);
    switch (o->kind) {
      case ObjKind::List:
        list_delitem(*this, container, key);
        return;
      case ObjKind::ByteArray:
        bytearray_delitem(*this, container, key);
        return;
      case ObjKind::Dict:
        if (!as<DictObj>(container)->dict.erase(*this, key)) key_error(key);
        return;
      case ObjKind::Instance: {
        Value m = lookup_special(container, "__delitem__");
        if (!m.is_undef()) {
          call(m, std::span<const Value>(&key, 1));
          return;
        }
        Value inner = static_cast<InstanceObj*>(o)->builtin_value;
        if (!inner.is_undef() && (is_list(inner) || is_dict(inner))) {
          delitem(inner, key);
          return;
        }
        break;
      }
      default:
        break;
    }
  }
  type_error("'" + type_name(container) + "' object doesn't support item deletion");
}

// ---------------------------------------------------------------------------
// repr / str / format
// ---------------------------------------------------------------------------
static std::string function_repr(VM& vm, Value v) {
  auto* fn = vm.as<FunctionObj>(v);
  return "<function " + std::string(vm.str_view(fn->qualname)) + " at 0x" +
         std::to_string(1000 + v.id) + ">";
}

// A class's __repr__ or __str__ called on v: its result must be a str.
enum class TextDunder { Repr, Str };
static std::string call_text_dunder(VM& vm, Value method, Value v, TextDunder which) {
  const bool repr = which == TextDunder::Repr;
  VM::DepthGuard guard(
      vm, repr ? " while getting the repr of an object" : " while getting the str of an object");
  Value r = vm.call(method, std::span<const Value>(&v, 1));
  if (!vm.is_str(r)) {
    vm.type_error(std::string(repr ? "__repr__" : "__str__") + " returned non-string (type " +
                  vm.type_name(r) + ")");
  }
  return std::string(vm.str_view(r));
}

// Out of line: most programs never print an instance (attributes.h).
MONTY_NOINLINE std::string VM::instance_repr(Value v) {
  auto* inst = as<InstanceObj>(v);
  if (is_kind(inst->cls, ObjKind::Class)) {
    Value m = class_lookup(inst->cls, intern("__repr__"));
    if (!m.is_undef()) return call_text_dunder(*this, m, v, TextDunder::Repr);
  }
  if (std::string_view form = typing_form_name(*this, v); !form.empty()) {
    return form[0] == '~' ? std::string(form) : "typing." + std::string(form);
  }
  if (Value members = union_members(v); !members.is_undef()) {
    // int | None, __main__.C | str
    std::string r;
    for (Value m : as<TupleObj>(members)->items) {
      if (!r.empty()) r += " | ";
      if (m.is_type() && m.id == static_cast<uint32_t>(BuiltinTypeId::NoneType)) {
        r += "None";
      } else if (is_kind(m, ObjKind::Class)) {
        r += class_module(m) + "." + std::string(str_view(as<ClassObj>(m)->qualname));
      } else {
        r += m.is_type() ? class_name(m) : repr_str(m);
      }
    }
    return r;
  }
  if (!inst->builtin_value.is_undef()) {
    Value inner = inst->builtin_value;
    if (!is_kind(inner, ObjKind::Set)) return repr_str(inner);
    // set and frozenset reprs name the subclass: S({1, 2}), S().
    std::string name = type_name(v);
    if (as<SetObj>(inner)->table.empty()) return name + "()";
    std::string r = repr_str(inner);
    if (as<SetObj>(inner)->frozen) r = r.substr(10, r.size() - 11);  // drop "frozenset(" ")"
    return name + "(" + r + ")";
  }
  if (inst->cls.is_type() && inst->cls.id == static_cast<uint32_t>(BuiltinTypeId::Traceback)) {
    return "<traceback object at 0x" + std::to_string(1000 + v.id) + ">";
  }
  if (is_instance(v, BuiltinTypeId::BaseException)) {
    std::string name = type_name(v);
    auto& args = as<TupleObj>(inst->args)->items;
    if (args.size() == 1) return name + "(" + repr_str(args[0]) + ")";
    std::string t = tuple_repr(*this, inst->args);
    return name + t;
  }
  // object() itself is not prefixed with a module, nor a class named like
  // CPython's C types ("collections.deque").
  std::string module =
      is_kind(inst->cls, ObjKind::Class) &&
              str_view(as<ClassObj>(inst->cls)->name).find('.') == std::string_view::npos
          ? class_module(inst->cls) + "."
          : "";
  return "<" + module + type_name(v) + " object at 0x" + std::to_string(1000 + v.id) + ">";
}

std::string VM::repr_str(Value v) {
  switch (v.tag) {
    case Tag::Undef:
      return "<undefined>";
    case Tag::None:
      return "None";
    case Tag::Bool:
      return v.i ? "True" : "False";
    case Tag::Int:
      return std::to_string(v.i);
    case Tag::Float:
      return float_repr(v.f);
    case Tag::BuiltinFn:
      if (v.id & 0x80000000u) return "<built-in method>";
      // External (host) functions are indices into the program's table, not builtins.
      if (v.id & kExternalBit)
        return "<function " + program_->external_functions[v.id & ~kExternalBit] + ">";
      return std::string("<built-in function ") + builtin_functions()[v.id].name + ">";
    case Tag::Type: {
      auto id = static_cast<BuiltinTypeId>(v.id);
      if (id == BuiltinTypeId::Ellipsis) return "Ellipsis";
      if (id == BuiltinTypeId::NotImplementedType) return "NotImplemented";
      if (const char* module = builtin_type_module(id))
        return std::string("<class '") + module + "." + type_info(id).name + "'>";
      return std::string("<class '") + type_info(id).name + "'>";
    }
    case Tag::Obj:
      break;
  }
  HeapObject* o = heap.get(v);
  switch (o->kind) {
    case ObjKind::Str:
      return str_repr(static_cast<StrObj*>(o)->data);
    case ObjKind::Bytes:
      return bytes_repr(static_cast<BytesObj*>(o)->data);
    case ObjKind::ByteArray:
      return bytearray_repr(*this, v);
    case ObjKind::BigInt:
      return int_repr(*this, v);
    // A container's repr is native work proportional to its text (1024
    // bytes count as an instruction, as json's do): the repr of a small
    // but deeply shared structure (a tuple holding one tuple 20 times, 20
    // levels deep) ends at the limits instead of running on.
    case ObjKind::List:
      return charge_text(list_repr(*this, v));
    case ObjKind::Tuple:
      return charge_text(tuple_repr(*this, v));
    case ObjKind::Dict:
      return charge_text(dict_repr(*this, v));
    case ObjKind::Set:
      return charge_text(set_repr(*this, v));
    case ObjKind::Range:
      return range_repr(*this, v);
    case ObjKind::Slice:
      return slice_repr(*this, v);
    case ObjKind::DictView:
      return dict_view_repr(*this, v);
    case ObjKind::Function:
      return function_repr(*this, v);
    case ObjKind::BoundMethod: {
      auto* bm = static_cast<BoundMethodObj*>(o);
      std::string fname = is_kind(bm->func, ObjKind::Function)
                              ? std::string(str_view(as<FunctionObj>(bm->func)->qualname))
                              : repr_str(bm->func);
      return "<bound method " + fname + " of " + repr_str(bm->self) + ">";
    }
    case ObjKind::BuiltinMethod: {
      auto* bm = static_cast<BuiltinMethodObj*>(o);
      const TypeInfo& ti = type_info(static_cast<BuiltinTypeId>(bm->type_id));
      if (bm->self.is_undef())
        return std::string("<method '") + ti.methods[bm->method_index].name + "' of '" + ti.name +
               "' objects>";
      return std::string("<built-in method ") + ti.methods[bm->method_index].name + " of " +
             type_name(bm->self) + " object at 0x" + std::to_string(1000 + bm->self.id) + ">";
    }
    case ObjKind::Class:
      if (!enum_members(*this, v).is_undef())
        return "<enum '" + std::string(str_view(static_cast<ClassObj*>(o)->name)) + "'>";
      return "<class '" + class_module(v) + "." +
             std::string(str_view(static_cast<ClassObj*>(o)->qualname)) + "'>";
    case ObjKind::Module:
      return "<module '" + std::string(str_view(static_cast<ModuleObj*>(o)->name)) +
             "' (built-in)>";
    case ObjKind::Generator: {
      auto* g = static_cast<GeneratorObj*>(o);
      return std::string(g->coroutine ? "<coroutine object " : "<generator object ") +
             std::string(str_view(g->name)) + " at 0x" + std::to_string(1000 + v.id) + ">";
    }
    case ObjKind::Instance:
      return instance_repr(v);
    case ObjKind::Property:
      return "<property object>";
    case ObjKind::StaticMethod:
      return "<staticmethod object>";
    case ObjKind::ClassMethod:
      return "<classmethod object>";
    case ObjKind::Cell:
      return "<cell>";
    case ObjKind::Iterator:
      if (std::string r = itertools_repr(*this, static_cast<IterObj*>(o)); !r.empty()) return r;
      return "<" + type_name(v) + " object at 0x" + std::to_string(1000 + v.id) + ">";
    case ObjKind::Super:
      return "<super object>";
    case ObjKind::Partial:
      return partial_repr(*this, v);
    case ObjKind::LruCache:
      return "<functools._lru_cache_wrapper object at 0x" + std::to_string(1000 + v.id) + ">";
    case ObjKind::KeyWrapper:
      return "<functools.KeyWrapper object at 0x" + std::to_string(1000 + v.id) + ">";
  }
  return "<object>";
}

std::string VM::class_module(Value cls) {
  Dict::Entry* e = as<ClassObj>(cls)->attrs.find_str(*this, intern("__module__"));
  return e && is_str(e->value) ? std::string(str_view(e->value)) : "__main__";
}

Value VM::repr(Value v) {
  if (is_str(v)) return new_str(str_repr(str_view(v)));
  return new_str(repr_str(v));
}

std::string VM::to_str(Value v) {
  if (v.is_obj()) {
    HeapObject* o = heap.get(v);
    if (o->kind == ObjKind::Str) return static_cast<StrObj*>(o)->data;
    if (o->kind == ObjKind::Instance) {
      auto* inst = static_cast<InstanceObj*>(o);
      if (is_kind(inst->cls, ObjKind::Class)) {
        Value m = class_lookup(inst->cls, intern("__str__"));
        if (!m.is_undef()) return call_text_dunder(*this, m, v, TextDunder::Str);
        // str has its own __str__ (the text); other builtin bases inherit
        // object's, which is repr().
        if (is_str(inst->builtin_value)) return std::string(str_view(inst->builtin_value));
        if (!class_lookup(inst->cls, intern("__repr__")).is_undef()) return repr_str(v);
      }
      if (is_instance(v, BuiltinTypeId::BaseException)) {
        auto& args = as<TupleObj>(inst->args)->items;
        if (is_instance(v, BuiltinTypeId::BaseExceptionGroup)) return exception_group_str(*this, v);
        if (args.empty()) return "";
        if (args.size() == 1) {
          if (is_instance(v, BuiltinTypeId::KeyError)) return repr_str(args[0]);
          return to_str(args[0]);
        }
        return tuple_repr(*this, inst->args);
      }
    }
  }
  return repr_str(v);
}

std::string VM::format(Value v, std::string_view spec) {
  if (is_kind(v, ObjKind::Instance) && is_kind(as<InstanceObj>(v)->cls, ObjKind::Class)) {
    Value m = class_lookup(as<InstanceObj>(v)->cls, intern("__format__"));
    if (!m.is_undef()) {
      Value args[2] = {v, new_str(spec)};
      Value r = call(m, std::span<const Value>(args, 2));
      if (!is_str(r)) type_error("__format__ must return a str, not " + type_name(r));
      return std::string(str_view(r));
    }
    // Subclasses of builtin types format like their value; an empty spec
    // means str(), which may be the user's __str__.
    Value inner = as<InstanceObj>(v)->builtin_value;
    if (!inner.is_undef()) {
      if (spec.empty()) return to_str(v);
      v = inner;
    }
  }
  BuiltinTypeId t = builtin_type(v);
  if (v.is_bool() && spec.empty()) return v.i ? "True" : "False";
  if (t == BuiltinTypeId::Int || t == BuiltinTypeId::Bool) {
    if (spec.empty()) return repr_str(v);
    auto parsed = parse_format_spec(spec, "int");
    if (!parsed) raise_error(parsed.error());
    check_formatted_size(parsed->width, parsed->precision);
    auto r = is_bigint(v) ? format_int(as<BigIntObj>(v)->value, *parsed) : format_int(v.i, *parsed);
    if (!r) raise_error(r.error());
    return *r;
  }
  if (t == BuiltinTypeId::Float) {
    if (spec.empty()) return float_repr(v.f);
    auto parsed = parse_format_spec(spec, "float");
    if (!parsed) raise_error(parsed.error());
    // 'g' strips trailing zeros: its precision is no output size.
    const char type = parsed->type;
    check_formatted_size(parsed->width, type == 'g' || type == 'G' || type == 'n' || type == 0
                                            ? -1
                                            : parsed->precision);
    auto r = format_float(v.f, *parsed);
    if (!r) raise_error(r.error());
    return *r;
  }
  if (t == BuiltinTypeId::Str) {
    if (spec.empty()) return std::string(str_view(v));
    auto parsed = parse_format_spec(spec, "str");
    if (!parsed) raise_error(parsed.error());
    check_formatted_size(parsed->width, -1);  // a str's precision truncates
    auto r = format_str(str_view(v), *parsed);
    if (!r) raise_error(r.error());
    return *r;
  }
  if (!spec.empty()) {
    type_error("unsupported format string passed to " + type_name(v) + ".__format__");
  }
  return to_str(v);
}

// ---------------------------------------------------------------------------
// Attributes
// ---------------------------------------------------------------------------
Value VM::lookup_special(Value obj, std::string_view name) {
  Value cls = type_of(obj);
  if (!is_kind(cls, ObjKind::Class)) return Value();
  Value attr = class_lookup(cls, intern(name));
  if (attr.is_undef()) return Value();
  if (is_kind(attr, ObjKind::Function) || is_native_method(attr))
    return heap.make<BoundMethodObj>(attr, obj);
  if (is_kind(attr, ObjKind::StaticMethod)) return as<WrapperObj>(attr)->f0;
  if (is_kind(attr, ObjKind::ClassMethod))
    return heap.make<BoundMethodObj>(as<WrapperObj>(attr)->f0, cls);
  return attr;
}

// A class attribute that takes precedence over the instance's own
// attributes: a property, or an object whose class defines __set__ or
// __delete__ (a data descriptor). Cheap for everything else.
bool VM::is_data_descriptor(Value attr) {
  if (!attr.is_obj()) return false;
  ObjKind k = kind(attr);
  if (k == ObjKind::Property) return true;
  if (k != ObjKind::Instance || !is_kind(as<InstanceObj>(attr)->cls, ObjKind::Class)) return false;
  Value cls = as<InstanceObj>(attr)->cls;
  return !class_lookup(cls, intern("__set__")).is_undef() ||
         !class_lookup(cls, intern("__delete__")).is_undef();
}

// Resolves a class attribute found on `cls` for access through `obj`
// (the instance, or Undef for access on the class itself).
static Value bind_class_attr(VM& vm, Value attr, Value obj, Value cls) {
  if (!attr.is_obj()) {
    if (!obj.is_undef() && is_native_method(attr)) return vm.heap.make<BoundMethodObj>(attr, obj);
    return attr;
  }
  switch (vm.kind(attr)) {
    case ObjKind::Function:
    case ObjKind::LruCache:  // (CPython's wrapper binds like a function)
      return obj.is_undef() ? attr : vm.heap.make<BoundMethodObj>(attr, obj);
    case ObjKind::StaticMethod:
      return vm.as<WrapperObj>(attr)->f0;
    case ObjKind::ClassMethod:
      return vm.heap.make<BoundMethodObj>(vm.as<WrapperObj>(attr)->f0, cls);
    case ObjKind::Property: {
      if (obj.is_undef()) return attr;
      Value getter = vm.as<WrapperObj>(attr)->f0;
      if (getter.is_undef() || getter.is_none()) {
        vm.raise(BuiltinTypeId::AttributeError, "property object has no getter");
      }
      return vm.call(getter, std::span<const Value>(&obj, 1));
    }
    case ObjKind::Instance: {
      // A descriptor: its class's __get__(instance or None, owner).
      if (!vm.is_kind(vm.as<InstanceObj>(attr)->cls, ObjKind::Class)) return attr;
      Value get = vm.lookup_special(attr, "__get__");
      if (get.is_undef()) return attr;
      Value args[2] = {obj.is_undef() ? Value::none() : obj, cls};
      return vm.call(get, std::span<const Value>(args, 2));
    }
    default:
      return attr;
  }
}

bool is_unhashable_builtin(BuiltinTypeId t) {
  return t == BuiltinTypeId::List || t == BuiltinTypeId::Dict || t == BuiltinTypeId::Set ||
         t == BuiltinTypeId::ByteArray || t == BuiltinTypeId::Slice;
}

// `owner`: the user class the lookup started from, if any, which a
// classmethod of the builtin base binds to (OrderedDict.fromkeys).
static Value builtin_attr(VM& vm, Value obj, BuiltinTypeId t, std::string_view name, bool on_type,
                          Value owner = Value()) {
  // The unhashable types set __hash__ to None (`[].__hash__ is None`).
  if (name == "__hash__" && is_unhashable_builtin(t)) return Value::none();
  for (BuiltinTypeId id = t;; id = type_info(id).base) {
    uint32_t index = 0;
    const MethodDef* m = find_method(id, name, &index);
    if (m) {
      // An instance of a user subclass of list/str/...: the data type's
      // methods act on the wrapped value; object's on the instance itself.
      if (id != BuiltinTypeId::Object) {
        Value inner = subclass_value(vm, obj);
        if (!inner.is_undef()) obj = inner;
      }
      switch (m->kind) {
        case MethodKind::Getter: {
          if (on_type)
            return vm.heap.make<BuiltinMethodObj>(Value(), static_cast<uint32_t>(id), index);
          CallArgs ca;
          ca.self = obj;
          return m->fn(vm, ca);
        }
        case MethodKind::Static:
          return vm.heap.make<BuiltinMethodObj>(Value::none(), static_cast<uint32_t>(id), index);
        case MethodKind::Class:
          return vm.heap.make<BuiltinMethodObj>(
              owner.is_undef() ? Value::type(static_cast<uint32_t>(t)) : owner,
              static_cast<uint32_t>(id), index);
        case MethodKind::Method:
          return vm.heap.make<BuiltinMethodObj>(on_type ? Value() : obj, static_cast<uint32_t>(id),
                                                index);
      }
    }
    if (id == BuiltinTypeId::Object) break;
  }
  return Value();
}

Value VM::instance_dict(Value obj) {
  auto* inst = as<InstanceObj>(obj);
  if (inst->dict.is_undef()) {
    if (!has_dict(obj)) attribute_error(obj, "__dict__");
    Value d = new_dict();
    inst = as<InstanceObj>(obj);
    as<DictObj>(d)->dict.swap_contents(inst->inline_attrs);
    inst->dict = d;
  }
  return inst->dict;
}

// object(), unions and instances of __slots__ classes have no __dict__.
bool VM::has_dict(Value obj) {
  auto* inst = as<InstanceObj>(obj);
  if (inst->cls.is_type()) return is_instance(obj, BuiltinTypeId::BaseException);
  return as<ClassObj>(inst->cls)->slots.is_undef();
}

void VM::store_instance_attr(Value obj, Value name, Value value) {
  if (str_view(name) == "__dict__") {
    set_instance_dict(obj, value);
    return;
  }
  auto* inst = as<InstanceObj>(obj);
  if (!slot_allowed(inst, name)) attribute_error(obj, str_view(name));
  instance_attrs(inst).set(*this, name, value);
}

void VM::set_instance_dict(Value obj, Value d) {
  if (!has_dict(obj)) attribute_error(obj, "__dict__");
  if (!d.is_undef() && !is_dict(d)) {
    type_error("__dict__ must be set to a dictionary, not a '" + type_name(d) + "'");
  }
  if (d.is_undef()) d = new_dict();  // del obj.__dict__ leaves an empty namespace
  auto* inst = as<InstanceObj>(obj);
  inst->inline_attrs = Dict();
  inst->dict = d;
}

// A class's own __getattribute__ answers every attribute load of its
// instances; when it raises AttributeError, __getattr__ (if any) is asked, as
// in CPython. Under getattr_suppress_ (hasattr, getattr with a default) an
// AttributeError means "absent" (Undef).
Value VM::call_getattribute(Value getattribute, Value obj, Value name) {
  Value args[2] = {obj, name};
  Value fallback = class_lookup(as<InstanceObj>(obj)->cls, special_getattr_);
  if (fallback.is_undef() && !getattr_suppress_) return call(getattribute, args);
  try {
    return call(getattribute, args);
  } catch (PyError& e) {
    if (!is_instance(e.exc, BuiltinTypeId::AttributeError) || fallback.is_undef()) {
      if (is_instance(e.exc, BuiltinTypeId::AttributeError) && getattr_suppress_) return Value();
      throw;
    }
  }
  return call_getattr_hook(fallback, obj, name);
}

Value VM::call_getattr_hook(Value getattr_fn, Value obj, Value name) {
  Value args[2] = {obj, name};
  if (!getattr_suppress_) return call(getattr_fn, std::span<const Value>(args, 2));
  try {
    return call(getattr_fn, std::span<const Value>(args, 2));
  } catch (PyError& e) {
    if (is_instance(e.exc, BuiltinTypeId::AttributeError)) return Value();
    throw;
  }
}

Value VM::object_getattribute(Value obj, Value name) {
  bypass_getattribute_once_ = is_kind(obj, ObjKind::Instance);
  return getattr(obj, name);
}

Value VM::getattr_opt(Value obj, Value name) {
  std::string_view n = str_view(name);
  if (obj.is_obj()) {
    HeapObject* o = heap.get(obj);
    switch (o->kind) {
      case ObjKind::Instance: {
        auto* inst = static_cast<InstanceObj*>(o);
        Value cls = inst->cls;
        const bool bypass = bypass_getattribute_once_;
        bypass_getattribute_once_ = false;
        if (getattribute_override_ && !bypass && is_kind(cls, ObjKind::Class)) {
          Value ga = class_lookup(cls, intern("__getattribute__"));
          if (!ga.is_undef()) return call_getattribute(ga, obj, name);
        }
        if (is_kind(cls, ObjKind::Class)) {
          Value attr = class_lookup(cls, name);
          // A descriptor's AttributeError (a property getter's raise) is
          // "not found": __getattr__, when there is one, is asked next, and
          // hasattr() and getattr() with a default see an absent attribute.
          auto bind = [&]() -> Value {
            if (attr.is_builtin_fn() || is_kind(attr, ObjKind::Function))
              return bind_class_attr(*this, attr, obj, cls);  // (a bound method)
            Value ga = bypass ? Value() : class_lookup(cls, special_getattr_);
            if (ga.is_undef() && !getattr_suppress_) return bind_class_attr(*this, attr, obj, cls);
            try {
              return bind_class_attr(*this, attr, obj, cls);
            } catch (PyError& e) {
              if (!is_instance(e.exc, BuiltinTypeId::AttributeError)) throw;
            }
            return ga.is_undef() ? Value() : call_getattr_hook(ga, obj, name);
          };
          if (is_data_descriptor(attr)) return bind();
          if (Dict::Entry* e = instance_attrs(inst).find_str(*this, name)) return e->value;
          if (!attr.is_undef()) return bind();
        } else if (Dict::Entry* e = instance_attrs(inst).find_str(*this, name)) {
          return e->value;
        }
        if (n == "__class__") return cls;
        if (n == "__args__") {
          if (Value members = union_members(obj); !members.is_undef()) return members;
        }
        if (n == "__dict__" && has_dict(obj)) return instance_dict(obj);
        if (is_instance(obj, BuiltinTypeId::BaseException)) {
          if (n == "args") return inst->args;
          if (n == "__cause__") return inst->cause.is_undef() ? Value::none() : inst->cause;
          if (n == "__context__") return inst->context.is_undef() ? Value::none() : inst->context;
          if (n == "__suppress_context__") return Value::boolean(inst->suppress_context);
          if (n == "__traceback__") return exception_traceback(*this, obj);
          if (n == "value" && is_instance(obj, BuiltinTypeId::StopIteration)) {
            auto& args = as<TupleObj>(inst->args)->items;
            return args.empty() ? Value::none() : args[0];
          }
          if ((n == "message" || n == "exceptions") &&
              is_instance(obj, BuiltinTypeId::BaseExceptionGroup)) {
            Value v = hidden_attr(*this, obj, n == "message" ? " msg" : " excs");
            if (!v.is_undef()) return v;
          }
        }
        Value r = builtin_attr(*this, obj, builtin_type(obj), n, false,
                               is_kind(cls, ObjKind::Class) ? cls : Value());
        if (!r.is_undef()) return r;
        if (is_kind(cls, ObjKind::Class) && !bypass) {
          Value ga = class_lookup(cls, special_getattr_);
          if (!ga.is_undef()) return call_getattr_hook(ga, obj, name);
        }
        return Value();
      }
      case ObjKind::Class: {
        auto* cls = static_cast<ClassObj*>(o);
        Value attr = class_lookup(obj, name);
        if (!attr.is_undef()) return bind_class_attr(*this, attr, Value(), obj);
        if (n == "__name__") {
          // A class a module makes natively is named like CPython's C types
          // ("collections.deque", what messages print); __name__ is the
          // part after the module.
          std::string_view full = str_view(cls->name);
          if (size_t dot = full.rfind('.'); dot != std::string_view::npos)
            return new_str(full.substr(dot + 1));
          return cls->name;
        }
        if (n == "__qualname__") return cls->qualname;
        if (n == "__mro__") return new_tuple(cls->mro);
        if (n == "__bases__") return new_tuple(cls->bases);
        if (n == "__class__") return Value::type(static_cast<uint32_t>(BuiltinTypeId::Type));
        if (n == "__dict__") {
          Value d = new_dict();
          for (const auto& e : cls->attrs.entries())
            if (!e.key.is_undef()) as<DictObj>(d)->dict.set(*this, e.key, e.hash, e.value);
          return d;
        }
        // Builtin base methods (e.g. Exception.__init__, object.__init__).
        return builtin_attr(*this, Value(), cls->builtin_base, n, true, obj);
      }
      case ObjKind::Module: {
        auto* m = static_cast<ModuleObj*>(o);
        if (Dict::Entry* e = m->attrs.find_str(*this, name)) return e->value;
        if (n == "__name__") return m->name;
        return Value();
      }
      case ObjKind::Partial: {
        const auto* p = static_cast<WrapperObj*>(o);
        if (n == "func") return p->f0;
        if (n == "args") return p->f1;
        if (n == "keywords") return p->f2;
        break;
      }
      case ObjKind::LruCache:
        if (Value r = lru_cache_attr(*this, obj, n); !r.is_undef()) return r;
        break;
      case ObjKind::KeyWrapper:
        if (n == "obj" && !static_cast<WrapperObj*>(o)->f1.is_undef())
          return static_cast<WrapperObj*>(o)->f1;
        break;
      case ObjKind::Function: {
        auto* fn = static_cast<FunctionObj*>(o);
        if (n == "__name__") return fn->name;
        if (n == "__qualname__") return fn->qualname;
        if (n == "__doc__") return fn->doc;
        if (n == "__module__") {
          // (Set to another module's name, it is kept among the function's
          // attributes; see setattr.)
          if (!fn->attrs.is_undef())
            if (Dict::Entry* e = as<DictObj>(fn->attrs)->dict.find_str(*this, name))
              return e->value;
          return intern("__main__");
        }
        if (n == "__defaults__")
          return fn->defaults.empty() ? Value::none() : new_tuple(fn->defaults);
        if (n == "__annotations__") {
          if (fn->annotations.is_undef()) {
            Value d = new_dict();
            as<FunctionObj>(obj)->annotations = d;
          }
          return as<FunctionObj>(obj)->annotations;
        }
        if (!fn->attrs.is_undef()) {
          if (Dict::Entry* e = as<DictObj>(fn->attrs)->dict.find_str(*this, name)) return e->value;
        }
        if (n == "__dict__") {
          if (fn->attrs.is_undef()) {
            Value d = new_dict();
            as<FunctionObj>(obj)->attrs = d;
          }
          return as<FunctionObj>(obj)->attrs;
        }
        break;
      }
      case ObjKind::BoundMethod: {
        auto* bm = static_cast<BoundMethodObj*>(o);
        if (n == "__self__") return bm->self;
        if (n == "__func__") return bm->func;
        return getattr_opt(bm->func, name);
      }
      case ObjKind::BuiltinMethod: {
        auto* bm = static_cast<BuiltinMethodObj*>(o);
        const TypeInfo& ti = type_info(static_cast<BuiltinTypeId>(bm->type_id));
        if (n == "__name__") return new_str(ti.methods[bm->method_index].name);
        if (n == "__qualname__")
          return new_str(std::string(ti.name) + "." + ti.methods[bm->method_index].name);
        if (n == "__self__") return bm->self.is_undef() ? Value::none() : bm->self;
        break;
      }
      case ObjKind::Property: {
        auto* p = static_cast<WrapperObj*>(o);
        if (n == "__doc__") {
          if (!p->f3.is_undef() && !p->f3.is_none()) return p->f3;
          if (is_kind(p->f0, ObjKind::Function)) return as<FunctionObj>(p->f0)->doc;
          return Value::none();
        }
        if (n == "fget") return p->f0.is_undef() ? Value::none() : p->f0;
        if (n == "fset") return p->f1.is_undef() ? Value::none() : p->f1;
        if (n == "fdel") return p->f2.is_undef() ? Value::none() : p->f2;
        break;
      }
      case ObjKind::Super: {
        // super(type, obj).name: search the MRO of type(obj) after `type`.
        auto* s = static_cast<WrapperObj*>(o);
        Value start = s->f0, self = s->f1;
        Value self_cls = (self.is_type() || is_kind(self, ObjKind::Class)) ? self : type_of(self);
        bool self_is_class = self_cls.same(self);
        if (is_kind(self_cls, ObjKind::Class)) {
          const auto& mro = as<ClassObj>(self_cls)->mro;
          size_t i = 0;
          while (i < mro.size() && !mro[i].same(start)) i++;
          for (i++; i < mro.size(); i++) {
            Value m = mro[i];
            if (is_kind(m, ObjKind::Class)) {
              if (Dict::Entry* e = as<ClassObj>(m)->attrs.find_str(*this, name)) {
                return bind_class_attr(*this, e->value, self_is_class ? Value() : self, self_cls);
              }
            } else {
              Value r = builtin_attr(*this, self_is_class ? Value() : self,
                                     static_cast<BuiltinTypeId>(m.id), n, self_is_class);
              if (!r.is_undef()) return r;
            }
          }
        }
        return Value();
      }
      default:
        break;
    }
  } else if (obj.is_type()) {
    auto id = static_cast<BuiltinTypeId>(obj.id);
    if (n == "__name__" || n == "__qualname__") {
      std::string_view full = type_info(id).name;  // 'types.UnionType' names its module
      return new_str(full.substr(full.rfind('.') + 1));
    }
    if (n == "__module__") {
      std::string_view full = type_info(id).name;
      if (const char* module = builtin_type_module(id)) return new_str(module);
      return new_str(full.find('.') == std::string_view::npos ? "builtins"
                                                              : full.substr(0, full.rfind('.')));
    }
    if (n == "__mro__") return new_tuple(builtin_type_mro(id));
    return builtin_attr(*this, Value(), id, n, true);
  } else if (obj.is_builtin_fn() && !(obj.id & 0x80000000u)) {
    if (n == "__name__" || n == "__qualname__") {
      if (obj.id & kExternalBit)
        return new_str(program_->external_functions[obj.id & ~kExternalBit]);
      return new_str(builtin_functions()[obj.id].name);
    }
    if (n == "__module__" && !(obj.id & kExternalBit)) {
      const BuiltinFnDef& d = builtin_functions()[obj.id];
      return new_str(d.implementation_module ? d.implementation_module
                     : d.module              ? d.module
                                             : "builtins");
    }
  }
  if (n == "__class__") return type_of(obj);
  return builtin_attr(*this, obj, builtin_type(obj), n, false);
}

Value VM::getattr(Value obj, Value name) {
  // __getattr__'s own AttributeError (with its message) propagates.
  bool saved = getattr_suppress_;
  getattr_suppress_ = false;
  Value v;
  try {
    v = getattr_opt(obj, name);
  } catch (...) {
    getattr_suppress_ = saved;
    throw;
  }
  getattr_suppress_ = saved;
  if (v.is_undef()) missing_attribute(obj, name);
  return v;
}

Value VM::getattr(Value obj, std::string_view name) { return getattr(obj, intern(name)); }

void VM::setattr(Value obj, Value name, Value value) {
  if (obj.is_obj()) {
    HeapObject* o = heap.get(obj);
    switch (o->kind) {
      case ObjKind::Instance: {
        auto* inst = static_cast<InstanceObj*>(o);
        if (is_kind(inst->cls, ObjKind::Class)) {
          Value attr = class_lookup(inst->cls, name);
          if (is_kind(attr, ObjKind::Instance) && is_data_descriptor(attr)) {
            Value set = lookup_special(attr, "__set__");
            if (set.is_undef()) raise(BuiltinTypeId::AttributeError, "__set__");
            Value args[2] = {obj, value};
            call(set, std::span<const Value>(args, 2));
            return;
          }
          if (is_kind(attr, ObjKind::Property)) {
            Value setter = as<WrapperObj>(attr)->f1;
            if (setter.is_undef() || setter.is_none()) {
              raise(BuiltinTypeId::AttributeError, "property '" + std::string(str_view(name)) +
                                                       "' of '" + type_name(obj) +
                                                       "' object has no setter");
            }
            Value args[2] = {obj, value};
            call(setter, std::span<const Value>(args, 2));
            return;
          }
          Value sa = class_lookup(inst->cls, intern("__setattr__"));
          if (!sa.is_undef()) {
            Value args[3] = {obj, name, value};
            call(sa, std::span<const Value>(args, 3));
            return;
          }
        }
        if (inst->cls.is_type() && !is_instance(obj, BuiltinTypeId::BaseException)) {
          // object(), unions, typing forms: no attribute storage in CPython.
          attribute_error(obj, str_view(name));
        }
        if (is_instance(obj, BuiltinTypeId::BaseException)) {
          std::string_view n = str_view(name);
          if (n == "args") {
            inst->args = new_tuple(to_vector(value));
            return;
          }
          if (n == "__cause__") {
            inst->cause = value.is_none() ? Value() : value;
            inst->suppress_context = true;
            return;
          }
          if (n == "__context__") {
            inst->context = value.is_none() ? Value() : value;
            return;
          }
        }
        store_instance_attr(obj, name, value);
        return;
      }
      case ObjKind::Class:
        if (is_enum_member_name(*this, obj, name))
          raise(BuiltinTypeId::AttributeError,
                "cannot reassign member '" + std::string(str_view(name)) + "'");
        as<ClassObj>(obj)->attrs.set(*this, name, value);
        if (str_view(name) == "__getattribute__") getattribute_override_ = true;
        class_version_++;
        return;
      case ObjKind::Function: {
        auto* fn = as<FunctionObj>(obj);
        std::string_view n = str_view(name);
        if (n == "__name__") {
          fn->name = value;
          return;
        }
        if (n == "__qualname__") {
          fn->qualname = value;
          return;
        }
        if (n == "__doc__") {
          fn->doc = value;
          return;
        }
        if (n == "__annotations__") {
          if (!is_dict(value)) type_error("__annotations__ must be set to a dict object");
          fn->annotations = value;
          return;
        }
        // Every function here is __main__'s: setting that (functools.wraps
        // copies it) changes nothing, and the name stays out of __dict__,
        // where CPython's slot is not either.
        if (n == "__module__" && is_str(value) && str_view(value) == "__main__") {
          if (!fn->attrs.is_undef()) as<DictObj>(fn->attrs)->dict.erase(*this, name);
          return;
        }
        if (fn->attrs.is_undef()) {
          Value d = new_dict();
          as<FunctionObj>(obj)->attrs = d;
        }
        as<DictObj>(as<FunctionObj>(obj)->attrs)->dict.set(*this, name, value);
        return;
      }
      default:
        break;
    }
  }
  if (obj.is_type()) {
    type_error("cannot set '" + std::string(str_view(name)) + "' attribute of immutable type '" +
               class_name(obj) + "'");
  }
  Value existing = getattr_opt(obj, name);
  if (!existing.is_undef()) {
    raise(BuiltinTypeId::AttributeError, "'" + type_name(obj) + "' object attribute '" +
                                             std::string(str_view(name)) + "' is read-only");
  }
  raise(BuiltinTypeId::AttributeError,
        "'" + type_name(obj) + "' object has no attribute '" + std::string(str_view(name)) + "'");
}

void VM::delattr(Value obj, Value name) {
  if (is_kind(obj, ObjKind::Instance)) {
    auto* inst = as<InstanceObj>(obj);
    if (is_kind(inst->cls, ObjKind::Class)) {
      Value da = class_lookup(inst->cls, intern("__delattr__"));
      if (!da.is_undef()) {
        Value args[2] = {obj, name};
        call(da, std::span<const Value>(args, 2));
        return;
      }
      Value attr = class_lookup(inst->cls, name);
      if (is_kind(attr, ObjKind::Instance) && is_data_descriptor(attr)) {
        Value del = lookup_special(attr, "__delete__");
        if (del.is_undef()) raise(BuiltinTypeId::AttributeError, "__delete__");
        call(del, std::span<const Value>(&obj, 1));
        return;
      }
      if (is_kind(attr, ObjKind::Property)) {
        Value deleter = as<WrapperObj>(attr)->f2;
        if (deleter.is_undef() || deleter.is_none()) {
          raise(BuiltinTypeId::AttributeError, "property '" + std::string(str_view(name)) +
                                                   "' of '" + type_name(obj) +
                                                   "' object has no deleter");
        }
        call(deleter, std::span<const Value>(&obj, 1));
        return;
      }
    }
    if (instance_attrs(inst).erase(*this, name)) return;
    if (is_kind(inst->cls, ObjKind::Class) && !as<ClassObj>(inst->cls)->slots.is_undef() &&
        slot_allowed(inst, name)) {
      raise(BuiltinTypeId::AttributeError, std::string(str_view(name)));  // an unset slot
    }
    if (str_view(name) == "__dict__") {
      set_instance_dict(obj, Value());
      return;
    }
    attribute_error(obj, str_view(name));
  }
  if (is_kind(obj, ObjKind::Class)) {
    class_version_++;
    if (as<ClassObj>(obj)->attrs.erase(*this, name)) return;
    attribute_error(obj, str_view(name));
  }
  attribute_error(obj, str_view(name));
}

// ---------------------------------------------------------------------------
// Iteration
// ---------------------------------------------------------------------------
Value VM::iter(Value v) {
  Value it = try_iter(v);
  if (it.is_undef()) type_error("'" + type_name(v) + "' object is not iterable");
  return it;
}

Value VM::try_iter(Value v) {
  Value it = builtin_iter(*this, v);
  if (!it.is_undef()) return it;
  if (is_kind(v, ObjKind::Generator)) return as<GeneratorObj>(v)->coroutine ? Value() : v;
  if (is_kind(v, ObjKind::Class)) {
    Value members = enum_members(*this, v);  // for member in Color
    return members.is_undef() ? Value() : iter(members);
  }
  if (is_kind(v, ObjKind::Instance)) {
    Value m = lookup_special(v, "__iter__");
    if (!m.is_undef()) {
      Value r = call(m);
      if (lookup_special(r, "__next__").is_undef() && !is_kind(r, ObjKind::Iterator) &&
          !is_kind(r, ObjKind::Generator)) {
        type_error("iter() returned non-iterator of type '" + type_name(r) + "'");
      }
      return r;
    }
    // The wrapped value's iteration comes before a user __getitem__ (it is
    // the type's __iter__, found first in the MRO).
    Value inner = as<InstanceObj>(v)->builtin_value;
    if (!inner.is_undef()) return iter(inner);
    if (!lookup_special(v, "__getitem__").is_undef())
      return new_iter(BuiltinTypeId::SeqIterator, v);
  }
  return Value();
}

bool VM::next(Value it, Value* out) {
  if (it.is_obj()) {
    HeapObject* o = heap.get(it);
    if (o->kind == ObjKind::Iterator) return iter_next(*this, static_cast<IterObj*>(o), out);
    if (o->kind == ObjKind::Generator) {
      if (static_cast<GeneratorObj*>(o)->coroutine)
        type_error("'coroutine' object is not an iterator");
      return resume_generator(it, Value::none(), out);
    }
    if (o->kind == ObjKind::Instance) {
      Value m = lookup_special(it, "__next__");
      if (m.is_undef()) type_error("'" + type_name(it) + "' object is not an iterator");
      try {
        *out = call(m);
        return true;
      } catch (PyError& e) {
        if (is_instance(e.exc, BuiltinTypeId::StopIteration)) return false;
        throw;
      }
    }
  }
  type_error("'" + type_name(it) + "' object is not an iterator");
}

std::vector<Value> VM::to_vector(Value iterable, bool gc_safe) {
  if (is_list(iterable)) return as<ListObj>(iterable)->items;
  if (is_tuple(iterable)) return as<TupleObj>(iterable)->items;
  return drain_iterator(iter(iterable), gc_safe);
}

std::vector<Value> VM::drain_iterator(Value it, bool gc_safe) {
  std::vector<Value> out;
  Value x;
  NativeRoots roots(*this, {&it, &x}, &out);
  while (next_gc_safe(it, &x, gc_safe)) {
    out.push_back(x);
    if ((out.size() & 0xffff) == 0) check_alloc(out.size() * sizeof(Value));
  }
  return out;
}

Value VM::call_method(Value obj, std::string_view name, std::span<const Value> args) {
  Value m = getattr(obj, name);
  return call(m, args);
}

// Both index conversions: the int value of v by __index__ rules, or the
// BigInt it holds (returned as Undef) when it does not fit int64.
static Value index_value(VM& vm, Value v) {
  if (v.is_int() || v.is_bool()) return v;
  if (vm.is_bigint(v)) return Value();
  Value m = vm.lookup_special(v, "__index__");
  if (!m.is_undef()) {
    Value r = vm.call(m);
    if (r.is_int() || r.is_bool()) return r;
    if (vm.is_bigint(r)) return Value();
    vm.type_error("__index__ returned non-int (type " + vm.type_name(r) + ")");
  }
  Value inner = subclass_value(vm, v);
  if (vm.is_integer(inner)) return index_value(vm, inner);
  vm.type_error("'" + vm.type_name(v) + "' object cannot be interpreted as an integer");
}

int64_t VM::to_index(Value v) {
  if (v.is_int() || v.is_bool()) return v.i;
  Value r = index_value(*this, v);
  if (r.is_undef())
    raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C ssize_t");
  return r.i;
}

int32_t VM::to_c_int(Value v) {
  Value r = index_value(*this, v);
  if (r.is_undef() || r.i < INT32_MIN || r.i > INT32_MAX)
    raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C int");
  return static_cast<int32_t>(r.i);
}

int64_t VM::to_subscript_index(Value v) {
  if (v.is_int() || v.is_bool()) return v.i;
  Value r = index_value(*this, v);
  if (r.is_undef())
    raise(BuiltinTypeId::IndexError,
          "cannot fit '" + type_name(v) + "' into an index-sized integer");
  return r.i;
}

double VM::to_double(Value v) {
  if (v.is_float()) return v.f;
  if (v.is_int() || v.is_bool()) return static_cast<double>(v.i);
  if (is_bigint(v)) return int_to_double(*this, v);
  Value m = lookup_special(v, "__float__");
  if (!m.is_undef()) {
    Value r = call(m);
    if (r.is_float()) return r.f;
    type_error(type_name(v) + ".__float__ returned non-float (type " + type_name(r) + ")");
  }
  m = lookup_special(v, "__index__");
  if (!m.is_undef()) return to_double(call(m));
  Value inner = subclass_value(*this, v);
  if (is_integer(inner) || inner.is_float()) return to_double(inner);
  type_error("must be real number, not " + type_name(v));
}

}  // namespace monty
