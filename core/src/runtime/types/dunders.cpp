// The special methods ("dunders") of the builtin types as attributes:
// "abc".__len__(), (5).__add__(3), int.__add__(2, 3), [1].__contains__(1),
// {}.__getitem__, x.__eq__(y) -> NotImplemented, iter.__next__().
//
// They add no behaviour: each forwards to the VM protocol the interpreter
// already uses for the operator or builtin (vm.len, vm.getitem, the builtin
// part of binary_op/compare, ...), so `s.__len__()` and `len(s)` can never
// disagree. A type lists only the protocols it supports, so
// hasattr(5, '__len__') is False while hasattr('', '__len__') is True.
// builtin_types.cpp appends these tables to each type's own method table.
//
// Binary operators and comparisons follow CPython's slot wrappers: an
// operand the type does not handle gives NotImplemented rather than
// TypeError ((5).__add__('a'), (1).__eq__(1.0), [1].__lt__(1)).

#include <cmath>

#include "runtime/types/registry.h"

namespace monty {

namespace {

Value not_implemented() {
  return Value::type(static_cast<uint32_t>(BuiltinTypeId::NotImplementedType));
}

// Slot wrappers check their argument count with this wording:
// "expected 1 argument, got 0".
void expect_args(VM& vm, const CallArgs& a, size_t n) {
  if (a.has_kwargs()) vm.type_error("wrapper takes no keyword arguments");
  if (a.size() == n) return;
  vm.type_error("expected " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") + ", got " +
                std::to_string(a.size()));
}

bool is_int_like(const VM& vm, Value v) { return vm.is_integer(v); }
bool is_number(const VM& vm, Value v) { return vm.is_integer(v) || v.is_float(); }

// Whether a numeric `self` handles `other` at all: int's slots take only
// ints (so (1).__add__(1.5) is NotImplemented and float's reflected slot
// runs), float's take ints and floats. Other types let the operation decide.
bool operand_ok(const VM& vm, Value self, Value other) {
  if (is_int_like(vm, self)) return is_int_like(vm, other);
  if (self.is_float()) return is_number(vm, other);
  return true;
}

// ---- binary operators ---------------------------------------------------------
template <BinOp op>
Value du_binop(VM& vm, CallArgs& a) {
  expect_args(vm, a, 1);
  if (!operand_ok(vm, a.self, a[0])) return not_implemented();
  Value r = builtin_binary_op(vm, op, a.self, a[0], false);
  return r.is_undef() ? not_implemented() : r;
}

template <BinOp op>
Value du_rbinop(VM& vm, CallArgs& a) {
  expect_args(vm, a, 1);
  if (!operand_ok(vm, a.self, a[0])) return not_implemented();
  Value r = builtin_binary_op(vm, op, a[0], a.self, false);
  return r.is_undef() ? not_implemented() : r;
}

template <BinOp op>
Value du_ibinop(VM& vm, CallArgs& a) {
  expect_args(vm, a, 1);
  Value r = builtin_binary_op(vm, op, a.self, a[0], true);
  return r.is_undef() ? not_implemented() : r;
}

// ---- comparisons --------------------------------------------------------------
template <CmpArg op>
Value du_cmp(VM& vm, CallArgs& a) {
  expect_args(vm, a, 1);
  // int's comparison slot does not know floats: (1).__eq__(1.0) is
  // NotImplemented and `1 == 1.0` is decided by float's reflected slot.
  if (is_int_like(vm, a.self) && a[0].is_float()) return not_implemented();
  Value r = builtin_compare_op(vm, op, a.self, a[0]);
  return r.is_undef() ? not_implemented() : r;
}

// ---- one-protocol wrappers ---------------------------------------------------
Value du_len(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  return Value::integer(vm.len(a.self));
}
Value du_getitem(VM& vm, CallArgs& a) {
  expect_args(vm, a, 1);
  return vm.getitem(a.self, a[0]);
}
Value du_setitem(VM& vm, CallArgs& a) {
  expect_args(vm, a, 2);
  vm.setitem(a.self, a[0], a[1]);
  return Value::none();
}
Value du_delitem(VM& vm, CallArgs& a) {
  expect_args(vm, a, 1);
  vm.delitem(a.self, a[0]);
  return Value::none();
}
Value du_contains(VM& vm, CallArgs& a) {
  expect_args(vm, a, 1);
  return Value::boolean(vm.contains(a.self, a[0]));
}
Value du_iter(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  return vm.iter(a.self);
}
Value du_next(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  Value out;
  if (!vm.next(a.self, &out)) vm.raise(BuiltinTypeId::StopIteration, "");
  return out;
}
Value du_repr(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  return vm.repr(a.self);
}
Value du_str(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  if (vm.is_str(a.self)) return a.self;
  return vm.new_str(vm.to_str(a.self));
}
Value du_hash(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  return Value::integer(vm.hash(a.self));
}
Value du_bool(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  return Value::boolean(vm.truthy(a.self));
}
Value du_format(VM& vm, CallArgs& a) {
  expect_args(vm, a, 1);
  if (!vm.is_str(a[0])) vm.type_error("format() argument 2 must be str, not " + vm.type_name(a[0]));
  return vm.new_str(vm.format(a.self, vm.str_view(a[0])));
}

// ---- numbers -------------------------------------------------------------------
template <UnaryOp op>
Value du_unary(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  return vm.unary_op(op, a.self);
}
Value du_abs(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  if (a.self.is_float()) return Value::floating(std::fabs(a.self.f));
  bool negative =
      vm.is_bigint(a.self) ? vm.as<BigIntObj>(a.self)->value.is_negative() : a.self.i < 0;
  if (negative) return vm.unary_op(UnaryOp::Neg, a.self);
  return a.self.is_bool() ? Value::integer(a.self.i) : a.self;
}
Value du_int(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  if (a.self.is_float()) return float_to_int(vm, a.self.f);
  return to_int_index(vm, a.self);
}
Value du_float(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  return Value::floating(vm.to_double(a.self));
}
Value du_index(VM& vm, CallArgs& a) {
  expect_args(vm, a, 0);
  return to_int_index(vm, a.self);
}

// ---- the tables ------------------------------------------------------------------
#define MONTY_CMP_DUNDERS                                              \
  {"__eq__", du_cmp<CmpArg::Eq>}, {"__ne__", du_cmp<CmpArg::NotEq>},   \
      {"__lt__", du_cmp<CmpArg::Lt>}, {"__le__", du_cmp<CmpArg::LtE>}, \
      {"__gt__", du_cmp<CmpArg::Gt>}, {                                \
    "__ge__", du_cmp<CmpArg::GtE>                                      \
  }

#define MONTY_BINOP_DUNDER(name, op) \
  {"__" name "__", du_binop<op>}, { "__r" name "__", du_rbinop<op> }

const MethodDef kIntDunders[] = {
    MONTY_CMP_DUNDERS,
    MONTY_BINOP_DUNDER("add", BinOp::Add),
    MONTY_BINOP_DUNDER("sub", BinOp::Sub),
    MONTY_BINOP_DUNDER("mul", BinOp::Mul),
    MONTY_BINOP_DUNDER("truediv", BinOp::TrueDiv),
    MONTY_BINOP_DUNDER("floordiv", BinOp::FloorDiv),
    MONTY_BINOP_DUNDER("mod", BinOp::Mod),
    MONTY_BINOP_DUNDER("pow", BinOp::Pow),
    MONTY_BINOP_DUNDER("lshift", BinOp::LShift),
    MONTY_BINOP_DUNDER("rshift", BinOp::RShift),
    MONTY_BINOP_DUNDER("and", BinOp::And),
    MONTY_BINOP_DUNDER("or", BinOp::Or),
    MONTY_BINOP_DUNDER("xor", BinOp::Xor),
    {"__neg__", du_unary<UnaryOp::Neg>},
    {"__pos__", du_unary<UnaryOp::Pos>},
    {"__invert__", du_unary<UnaryOp::Invert>},
    {"__abs__", du_abs},
    {"__bool__", du_bool},
    {"__int__", du_int},
    {"__index__", du_index},
    {"__float__", du_float},
    {"__hash__", du_hash},
    {"__repr__", du_repr},
    {"__format__", du_format},
};

const MethodDef kFloatDunders[] = {
    MONTY_CMP_DUNDERS,
    MONTY_BINOP_DUNDER("add", BinOp::Add),
    MONTY_BINOP_DUNDER("sub", BinOp::Sub),
    MONTY_BINOP_DUNDER("mul", BinOp::Mul),
    MONTY_BINOP_DUNDER("truediv", BinOp::TrueDiv),
    MONTY_BINOP_DUNDER("floordiv", BinOp::FloorDiv),
    MONTY_BINOP_DUNDER("mod", BinOp::Mod),
    MONTY_BINOP_DUNDER("pow", BinOp::Pow),
    {"__neg__", du_unary<UnaryOp::Neg>},
    {"__pos__", du_unary<UnaryOp::Pos>},
    {"__abs__", du_abs},
    {"__bool__", du_bool},
    {"__int__", du_int},
    {"__float__", du_float},
    {"__hash__", du_hash},
    {"__repr__", du_repr},
    {"__format__", du_format},
};

// str and bytes (bytes has no __format__ of its own).
const MethodDef kStrDunders[] = {
    MONTY_CMP_DUNDERS,
    {"__add__", du_binop<BinOp::Add>},
    {"__mul__", du_binop<BinOp::Mul>},
    {"__rmul__", du_rbinop<BinOp::Mul>},
    MONTY_BINOP_DUNDER("mod", BinOp::Mod),
    {"__len__", du_len},
    {"__getitem__", du_getitem},
    {"__contains__", du_contains},
    {"__iter__", du_iter},
    {"__hash__", du_hash},
    {"__repr__", du_repr},
    {"__str__", du_str},
    {"__format__", du_format},
};

const MethodDef kBytesDunders[] = {
    MONTY_CMP_DUNDERS,
    {"__add__", du_binop<BinOp::Add>},
    {"__mul__", du_binop<BinOp::Mul>},
    {"__rmul__", du_rbinop<BinOp::Mul>},
    MONTY_BINOP_DUNDER("mod", BinOp::Mod),
    {"__len__", du_len},
    {"__getitem__", du_getitem},
    {"__contains__", du_contains},
    {"__iter__", du_iter},
    {"__hash__", du_hash},
    {"__repr__", du_repr},
    {"__str__", du_str},
};

// bytearray: bytes's, mutable (no __hash__).
const MethodDef kByteArrayDunders[] = {
    MONTY_CMP_DUNDERS,
    {"__add__", du_binop<BinOp::Add>},
    {"__iadd__", du_ibinop<BinOp::Add>},
    {"__mul__", du_binop<BinOp::Mul>},
    {"__rmul__", du_rbinop<BinOp::Mul>},
    {"__imul__", du_ibinop<BinOp::Mul>},
    MONTY_BINOP_DUNDER("mod", BinOp::Mod),
    {"__len__", du_len},
    {"__getitem__", du_getitem},
    {"__setitem__", du_setitem},
    {"__delitem__", du_delitem},
    {"__contains__", du_contains},
    {"__iter__", du_iter},
    {"__repr__", du_repr},
    {"__str__", du_str},
};

const MethodDef kListDunders[] = {
    MONTY_CMP_DUNDERS,
    {"__add__", du_binop<BinOp::Add>},
    {"__iadd__", du_ibinop<BinOp::Add>},
    {"__mul__", du_binop<BinOp::Mul>},
    {"__rmul__", du_rbinop<BinOp::Mul>},
    {"__imul__", du_ibinop<BinOp::Mul>},
    {"__len__", du_len},
    {"__getitem__", du_getitem},
    {"__setitem__", du_setitem},
    {"__delitem__", du_delitem},
    {"__contains__", du_contains},
    {"__iter__", du_iter},
    {"__repr__", du_repr},
};

const MethodDef kTupleDunders[] = {
    MONTY_CMP_DUNDERS,
    {"__add__", du_binop<BinOp::Add>},
    {"__mul__", du_binop<BinOp::Mul>},
    {"__rmul__", du_rbinop<BinOp::Mul>},
    {"__len__", du_len},
    {"__getitem__", du_getitem},
    {"__contains__", du_contains},
    {"__iter__", du_iter},
    {"__hash__", du_hash},
    {"__repr__", du_repr},
};

const MethodDef kDictDunders[] = {
    MONTY_CMP_DUNDERS,
    MONTY_BINOP_DUNDER("or", BinOp::Or),
    {"__ior__", du_ibinop<BinOp::Or>},
    {"__len__", du_len},
    {"__getitem__", du_getitem},
    {"__setitem__", du_setitem},
    {"__delitem__", du_delitem},
    {"__contains__", du_contains},
    {"__iter__", du_iter},
    {"__repr__", du_repr},
};

#define MONTY_SET_OP_DUNDERS                                                        \
  MONTY_BINOP_DUNDER("or", BinOp::Or), MONTY_BINOP_DUNDER("and", BinOp::And),       \
      MONTY_BINOP_DUNDER("sub", BinOp::Sub), MONTY_BINOP_DUNDER("xor", BinOp::Xor), \
      MONTY_CMP_DUNDERS, {"__len__", du_len}, {"__contains__", du_contains},        \
      {"__iter__", du_iter}, {                                                      \
    "__repr__", du_repr                                                             \
  }

const MethodDef kSetDunders[] = {
    MONTY_SET_OP_DUNDERS,
    {"__ior__", du_ibinop<BinOp::Or>},
    {"__iand__", du_ibinop<BinOp::And>},
    {"__isub__", du_ibinop<BinOp::Sub>},
    {"__ixor__", du_ibinop<BinOp::Xor>},
};

const MethodDef kFrozenSetDunders[] = {
    MONTY_SET_OP_DUNDERS,
    {"__hash__", du_hash},
};

// dict_keys and dict_items are set-like; dict_values is not.
const MethodDef kDictSetViewDunders[] = {MONTY_SET_OP_DUNDERS};

const MethodDef kDictValuesDunders[] = {
    {"__len__", du_len},
    {"__iter__", du_iter},
    {"__repr__", du_repr},
};

const MethodDef kRangeDunders[] = {
    MONTY_CMP_DUNDERS,           {"__len__", du_len},
    {"__getitem__", du_getitem}, {"__contains__", du_contains},
    {"__iter__", du_iter},       {"__hash__", du_hash},
    {"__repr__", du_repr},
};

const MethodDef kSliceDunders[] = {
    MONTY_CMP_DUNDERS,
    {"__repr__", du_repr},
};

const MethodDef kNoneDunders[] = {
    {"__bool__", du_bool},
    {"__repr__", du_repr},
};

// Every builtin iterator is its own iterator.
const MethodDef kIteratorDunders[] = {
    {"__iter__", du_iter},
    {"__next__", du_next},
};

#undef MONTY_SET_OP_DUNDERS
#undef MONTY_BINOP_DUNDER
#undef MONTY_CMP_DUNDERS

}  // namespace

std::span<const MethodDef> protocol_methods(BuiltinTypeId id) {
  using T = BuiltinTypeId;
  switch (id) {
    case T::NoneType:
      return kNoneDunders;
    case T::Int:
      return kIntDunders;
    case T::Float:
      return kFloatDunders;
    case T::Str:
      return kStrDunders;
    case T::Bytes:
      return kBytesDunders;
    case T::ByteArray:
      return kByteArrayDunders;
    case T::List:
      return kListDunders;
    case T::Tuple:
      return kTupleDunders;
    case T::Dict:
      return kDictDunders;
    case T::Set:
      return kSetDunders;
    case T::FrozenSet:
      return kFrozenSetDunders;
    case T::Range:
      return kRangeDunders;
    case T::Slice:
      return kSliceDunders;
    case T::DictKeys:
    case T::DictItems:
      return kDictSetViewDunders;
    case T::DictValues:
      return kDictValuesDunders;
    case T::ListIterator:
    case T::ListReverseIterator:
    case T::TupleIterator:
    case T::StrIterator:
    case T::BytesIterator:
    case T::ByteArrayIterator:
    case T::RangeIterator:
    case T::DictKeyIterator:
    case T::DictValueIterator:
    case T::DictItemIterator:
    case T::SetIterator:
    case T::Enumerate:
    case T::Zip:
    case T::Map:
    case T::Filter:
    case T::Reversed:
    case T::CallableIterator:
    case T::SeqIterator:
      return kIteratorDunders;
    default:
      return is_itertools_type(id) ? kIteratorDunders : std::span<const MethodDef>();
  }
}

}  // namespace monty
