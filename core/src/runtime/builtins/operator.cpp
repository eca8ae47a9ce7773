// The operator module: the operators as functions (add, lt, getitem, ...,
// their in-place forms), itemgetter, attrgetter and methodcaller, after
// CPython 3.11's Modules/_operator.c. The functions run the VM's own
// protocols (vm.binary_op, vm.compare, ...), so user dunders are honoured
// exactly as by the operators. The three getter classes are made natively
// with hidden state (" items", " attrs", " name"/" args"/" kwargs"), as
// re.Pattern is.
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/types/registry.h"
#include "support/attributes.h"

namespace monty {

namespace {

// CPython's "add expected 2 arguments, got 1" (no keywords accepted).
void expect_args(VM& vm, const CallArgs& args, const char* name, size_t n) {
  if (args.has_kwargs()) vm.type_error(std::string(name) + "() takes no keyword arguments");
  if (args.size() != n)
    vm.type_error(std::string(name) + " expected " + std::to_string(n) + " argument" +
                  (n == 1 ? "" : "s") + ", got " + std::to_string(args.size()));
}

constexpr const char* kBinaryNames[] = {"add", "and_",    "floordiv", "lshift", "matmul",
                                        "mul", "mod",     "or_",      "pow",    "rshift",
                                        "sub", "truediv", "xor"};
constexpr const char* kInplaceNames[] = {"iadd", "iand",     "ifloordiv", "ilshift", "imatmul",
                                         "imul", "imod",     "ior",       "ipow",    "irshift",
                                         "isub", "itruediv", "ixor"};

MONTY_NOINLINE Value binary_impl(VM& vm, CallArgs& args, BinOp op, bool inplace) {
  auto i = static_cast<size_t>(op);
  expect_args(vm, args, inplace ? kInplaceNames[i] : kBinaryNames[i], 2);
  return vm.binary_op(op, args[0], args[1], inplace);
}

template <BinOp Op, bool Inplace>
Value binary(VM& vm, CallArgs& args) {
  return binary_impl(vm, args, Op, Inplace);
}

constexpr const char* kCompareNames[] = {"lt", "le", "eq", "ne", "gt", "ge"};

MONTY_NOINLINE Value compare_impl(VM& vm, CallArgs& args, CmpArg op) {
  expect_args(vm, args, kCompareNames[static_cast<size_t>(op)], 2);
  return vm.compare(op, args[0], args[1]);
}

template <CmpArg Op>
Value compare(VM& vm, CallArgs& args) {
  return compare_impl(vm, args, Op);
}

Value op_neg(VM& vm, CallArgs& args) {
  expect_args(vm, args, "neg", 1);
  return vm.unary_op(UnaryOp::Neg, args[0]);
}
Value op_pos(VM& vm, CallArgs& args) {
  expect_args(vm, args, "pos", 1);
  return vm.unary_op(UnaryOp::Pos, args[0]);
}
Value op_invert(VM& vm, CallArgs& args) {
  expect_args(vm, args, "invert", 1);
  return vm.unary_op(UnaryOp::Invert, args[0]);
}
Value op_not(VM& vm, CallArgs& args) {
  expect_args(vm, args, "not_", 1);
  return Value::boolean(!vm.truthy(args[0]));
}
Value op_truth(VM& vm, CallArgs& args) {
  expect_args(vm, args, "truth", 1);
  return Value::boolean(vm.truthy(args[0]));
}
Value op_abs(VM& vm, CallArgs& args) {
  expect_args(vm, args, "abs", 1);
  return vm.call(lookup_builtin("abs"), {&args.pos[0], 1});
}
Value op_index(VM& vm, CallArgs& args) {
  expect_args(vm, args, "index", 1);
  if (vm.is_integer(args[0]) && !args[0].is_bool()) return args[0];
  return Value::integer(vm.to_index(args[0]));
}
Value op_is(VM& vm, CallArgs& args) {
  expect_args(vm, args, "is_", 2);
  return Value::boolean(args[0].same(args[1]));
}
Value op_is_not(VM& vm, CallArgs& args) {
  expect_args(vm, args, "is_not", 2);
  return Value::boolean(!args[0].same(args[1]));
}
Value op_concat(VM& vm, CallArgs& args) {
  expect_args(vm, args, "concat", 2);
  Value a = args[0];
  Value inner = subclass_value(vm, a);
  Value probe = inner.is_undef() ? a : inner;
  bool sequence =
      vm.is_str(probe) || vm.is_list(probe) || vm.is_tuple(probe) ||
      bytes_like_data(vm, probe) != nullptr ||
      (vm.is_kind(a, ObjKind::Instance) && !vm.lookup_special(a, "__getitem__").is_undef());
  if (!sequence) vm.type_error("'" + vm.type_name(a) + "' object can't be concatenated");
  return vm.binary_op(BinOp::Add, a, args[1]);
}
Value op_iconcat(VM& vm, CallArgs& args) {
  expect_args(vm, args, "iconcat", 2);
  return vm.binary_op(BinOp::Add, args[0], args[1], true);
}
Value op_contains(VM& vm, CallArgs& args) {
  expect_args(vm, args, "contains", 2);
  return Value::boolean(vm.contains(args[0], args[1]));
}
Value op_count_of(VM& vm, CallArgs& args) {
  expect_args(vm, args, "countOf", 2);
  int64_t n = 0;
  vm.for_each(args[0], [&](Value x) {
    if (x.same(args[1]) || vm.eq(x, args[1])) n++;
  });
  return Value::integer(n);
}
Value op_index_of(VM& vm, CallArgs& args) {
  expect_args(vm, args, "indexOf", 2);
  int64_t i = 0, found = -1;
  Value it = vm.iter(args[0]);
  Value x;
  while (found < 0 && vm.next(it, &x)) {
    if (x.same(args[1]) || vm.eq(x, args[1])) found = i;
    i++;
  }
  if (found < 0) vm.value_error("sequence.index(x): x not in sequence");
  return Value::integer(found);
}
Value op_getitem(VM& vm, CallArgs& args) {
  expect_args(vm, args, "getitem", 2);
  return vm.getitem(args[0], args[1]);
}
Value op_setitem(VM& vm, CallArgs& args) {
  expect_args(vm, args, "setitem", 3);
  vm.setitem(args[0], args[1], args[2]);
  return Value::none();
}
Value op_delitem(VM& vm, CallArgs& args) {
  expect_args(vm, args, "delitem", 2);
  vm.delitem(args[0], args[1]);
  return Value::none();
}
Value op_length_hint(VM& vm, CallArgs& args) {
  if (args.size() < 1 || args.size() > 2 || args.has_kwargs())
    vm.type_error("length_hint expected 1 or 2 arguments, got " + std::to_string(args.size()));
  Value dflt = args.size() == 2 ? args[1] : Value::integer(0);
  if (!dflt.is_int())
    vm.type_error("'" + vm.type_name(dflt) + "' object cannot be interpreted as an integer");
  Value x = args[0];
  // The iterators CPython gives __length_hint__: what is left of them.
  if (vm.is_kind(x, ObjKind::Iterator)) {
    auto* it = vm.as<IterObj>(x);
    int64_t left = -1;
    if (it->type == BuiltinTypeId::ListIterator && vm.is_list(it->source))
      left = it->index < 0
                 ? 0
                 : static_cast<int64_t>(vm.as<ListObj>(it->source)->items.size()) - it->index;
    else if (it->type == BuiltinTypeId::TupleIterator && vm.is_tuple(it->source))
      left = static_cast<int64_t>(vm.as<TupleObj>(it->source)->items.size()) - it->index;
    else if (it->type == BuiltinTypeId::RangeIterator)
      left = it->end;
    if (left >= 0 || it->exhausted) return Value::integer(std::max<int64_t>(left, 0));
    return dflt;
  }
  if (!vm.lookup_special(x, "__len__").is_undef() || vm.is_str(x) || vm.is_list(x) ||
      vm.is_tuple(x) || vm.is_dict(x) || vm.is_kind(x, ObjKind::Set) ||
      vm.is_kind(x, ObjKind::Range) || vm.is_kind(x, ObjKind::Bytes) ||
      vm.is_kind(x, ObjKind::ByteArray))
    return Value::integer(vm.len(x));
  return dflt;
}
Value op_call(VM& vm, CallArgs& args) {
  if (args.size() == 0) vm.type_error("call() missing 1 required positional argument: 'obj'");
  return vm.call(args[0], args.pos.subspan(1), args.kw_names, args.kw_values);
}

// ---- itemgetter, attrgetter, methodcaller ---------------------------------------------

Value class_of(VM& vm, const char* name) { return imported_module_attr(vm, "operator", name); }

// The hidden tuple `slot` of a getter (TypeError if it is not one).
const std::vector<Value>& getter_items(VM& vm, Value self, const char* slot, const char* cls) {
  Value t = hidden_attr(vm, self, slot);
  if (!vm.is_tuple(t) || vm.as<TupleObj>(t)->items.empty())
    vm.type_error(std::string("descriptor '__call__' requires a 'operator.") + cls +
                  "' object but received a '" + vm.type_name(self) + "'");
  return vm.as<TupleObj>(t)->items;
}

Value make_getter(VM& vm, const char* cls, const char* slot, std::vector<Value> items) {
  Value g = vm.heap.make<InstanceObj>(class_of(vm, cls));
  set_hidden_attr(vm, g, slot, vm.new_tuple(std::move(items)));
  return g;
}

Value itemgetter_new(VM& vm, CallArgs& args) {
  if (args.has_kwargs()) vm.type_error("itemgetter() takes no keyword arguments");
  if (args.size() < 2) vm.type_error("itemgetter expected 1 argument, got 0");
  return make_getter(vm, "itemgetter", " items",
                     std::vector<Value>(args.pos.begin() + 1, args.pos.end()));
}

Value itemgetter_call(VM& vm, CallArgs& args) {
  if (args.size() == 0) vm.type_error("itemgetter.__call__() needs an argument");
  std::vector<Value> items = getter_items(vm, args[0], " items", "itemgetter");
  if (args.has_kwargs()) vm.type_error("itemgetter() takes no keyword arguments");
  if (args.size() != 2)
    vm.type_error("itemgetter expected 1 argument, got " + std::to_string(args.size() - 1));
  if (items.size() == 1) return vm.getitem(args[1], items[0]);
  std::vector<Value> out;
  for (Value k : items) out.push_back(vm.getitem(args[1], k));
  return vm.new_tuple(std::move(out));
}

Value attrgetter_new(VM& vm, CallArgs& args) {
  if (args.has_kwargs()) vm.type_error("attrgetter() takes no keyword arguments");
  if (args.size() < 2) vm.type_error("attrgetter expected 1 argument, got 0");
  for (size_t i = 1; i < args.size(); i++)
    if (!vm.is_str(args[i])) vm.type_error("attribute name must be a string");
  return make_getter(vm, "attrgetter", " attrs",
                     std::vector<Value>(args.pos.begin() + 1, args.pos.end()));
}

// getattr along a dotted name ("a.b.c").
Value dotted_getattr(VM& vm, Value obj, Value name) {
  std::string_view path = vm.str_view(name);
  if (path.find('.') == std::string_view::npos) return vm.getattr(obj, name);
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string_view part =
        path.substr(start, dot == std::string_view::npos ? path.npos : dot - start);
    obj = vm.getattr(obj, vm.intern(part));
    if (dot == std::string_view::npos) return obj;
    start = dot + 1;
  }
}

Value attrgetter_call(VM& vm, CallArgs& args) {
  if (args.size() == 0) vm.type_error("attrgetter.__call__() needs an argument");
  std::vector<Value> names = getter_items(vm, args[0], " attrs", "attrgetter");
  if (args.has_kwargs()) vm.type_error("attrgetter() takes no keyword arguments");
  if (args.size() != 2)
    vm.type_error("attrgetter expected 1 argument, got " + std::to_string(args.size() - 1));
  for (Value n : names)
    if (!vm.is_str(n)) vm.type_error("attribute name must be a string");
  if (names.size() == 1) return dotted_getattr(vm, args[1], names[0]);
  std::vector<Value> out;
  for (Value n : names) out.push_back(dotted_getattr(vm, args[1], n));
  return vm.new_tuple(std::move(out));
}

Value methodcaller_new(VM& vm, CallArgs& args) {
  if (args.size() < 2) vm.type_error("methodcaller needs at least one argument, the method name");
  if (!vm.is_str(args[1])) vm.type_error("method name must be a string");
  Value m = vm.heap.make<InstanceObj>(class_of(vm, "methodcaller"));
  set_hidden_attr(vm, m, " name", args[1]);
  set_hidden_attr(vm, m, " args",
                  vm.new_tuple(std::vector<Value>(args.pos.begin() + 2, args.pos.end())));
  set_hidden_attr(vm, m, " kwnames",
                  vm.new_tuple(std::vector<Value>(args.kw_names.begin(), args.kw_names.end())));
  set_hidden_attr(vm, m, " kwvalues",
                  vm.new_tuple(std::vector<Value>(args.kw_values.begin(), args.kw_values.end())));
  return m;
}

struct MethodCall {
  Value name;
  std::vector<Value> args, kw_names, kw_values;
};

MethodCall method_call_of(VM& vm, Value self) {
  Value name = hidden_attr(vm, self, " name"), a = hidden_attr(vm, self, " args");
  Value kn = hidden_attr(vm, self, " kwnames"), kv = hidden_attr(vm, self, " kwvalues");
  if (!vm.is_str(name) || !vm.is_tuple(a) || !vm.is_tuple(kn) || !vm.is_tuple(kv) ||
      vm.as<TupleObj>(kn)->items.size() != vm.as<TupleObj>(kv)->items.size())
    vm.type_error(
        "descriptor '__call__' requires a 'operator.methodcaller' object but received a '" +
        vm.type_name(self) + "'");
  for (Value k : vm.as<TupleObj>(kn)->items)
    if (!vm.is_str(k)) vm.type_error("keywords must be strings");
  return {name, vm.as<TupleObj>(a)->items, vm.as<TupleObj>(kn)->items, vm.as<TupleObj>(kv)->items};
}

Value methodcaller_call(VM& vm, CallArgs& args) {
  if (args.size() == 0) vm.type_error("methodcaller.__call__() needs an argument");
  MethodCall m = method_call_of(vm, args[0]);
  if (args.has_kwargs()) vm.type_error("methodcaller() takes no keyword arguments");
  if (args.size() != 2)
    vm.type_error("methodcaller expected 1 argument, got " + std::to_string(args.size() - 1));
  Value method = vm.getattr(args[1], m.name);
  std::vector<Value> pos = m.args;
  pos.insert(pos.end(), m.kw_values.begin(), m.kw_values.end());
  return vm.call(method, std::span<const Value>(pos.data(), m.args.size()), m.kw_names,
                 std::span<const Value>(pos.data() + m.args.size(), m.kw_values.size()));
}

std::string joined_reprs(VM& vm, const std::vector<Value>& items) {
  std::string s;
  for (size_t i = 0; i < items.size(); i++) {
    if (i) s += ", ";
    s += vm.repr_str(items[i]);
  }
  return s;
}

Value itemgetter_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__repr__", 1, 1);
  return vm.new_str("operator.itemgetter(" +
                    joined_reprs(vm, getter_items(vm, args[0], " items", "itemgetter")) + ")");
}

Value attrgetter_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__repr__", 1, 1);
  return vm.new_str("operator.attrgetter(" +
                    joined_reprs(vm, getter_items(vm, args[0], " attrs", "attrgetter")) + ")");
}

Value methodcaller_repr(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "__repr__", 1, 1);
  MethodCall m = method_call_of(vm, args[0]);
  std::string s = "operator.methodcaller(" + vm.repr_str(m.name);
  for (Value a : m.args) s += ", " + vm.repr_str(a);
  for (size_t i = 0; i < m.kw_names.size(); i++)
    s += ", " + std::string(vm.str_view(m.kw_names[i])) + "=" + vm.repr_str(m.kw_values[i]);
  return vm.new_str(s + ")");
}

#define BIN(name, op) \
  { name, binary<BinOp::op, false>, "operator" }
#define IBIN(name, op) \
  { name, binary<BinOp::op, true>, "operator" }

const BuiltinFnDef kOperatorFunctionTable[] = {
    BIN("add", Add),
    BIN("and_", And),
    BIN("floordiv", FloorDiv),
    BIN("lshift", LShift),
    BIN("matmul", MatMul),
    BIN("mul", Mul),
    BIN("mod", Mod),
    BIN("or_", Or),
    BIN("pow", Pow),
    BIN("rshift", RShift),
    BIN("sub", Sub),
    BIN("truediv", TrueDiv),
    BIN("xor", Xor),
    IBIN("iadd", Add),
    IBIN("iand", And),
    IBIN("ifloordiv", FloorDiv),
    IBIN("ilshift", LShift),
    IBIN("imatmul", MatMul),
    IBIN("imul", Mul),
    IBIN("imod", Mod),
    IBIN("ior", Or),
    IBIN("ipow", Pow),
    IBIN("irshift", RShift),
    IBIN("isub", Sub),
    IBIN("itruediv", TrueDiv),
    IBIN("ixor", Xor),
    {"lt", compare<CmpArg::Lt>, "operator"},
    {"le", compare<CmpArg::LtE>, "operator"},
    {"eq", compare<CmpArg::Eq>, "operator"},
    {"ne", compare<CmpArg::NotEq>, "operator"},
    {"gt", compare<CmpArg::Gt>, "operator"},
    {"ge", compare<CmpArg::GtE>, "operator"},
    {"neg", op_neg, "operator"},
    {"pos", op_pos, "operator"},
    {"invert", op_invert, "operator"},
    {"inv", op_invert, "operator"},
    {"not_", op_not, "operator"},
    {"truth", op_truth, "operator"},
    {"abs", op_abs, "operator"},
    {"index", op_index, "operator"},
    {"is_", op_is, "operator"},
    {"is_not", op_is_not, "operator"},
    {"concat", op_concat, "operator"},
    {"iconcat", op_iconcat, "operator"},
    {"contains", op_contains, "operator"},
    {"countOf", op_count_of, "operator"},
    {"indexOf", op_index_of, "operator"},
    {"getitem", op_getitem, "operator"},
    {"setitem", op_setitem, "operator"},
    {"delitem", op_delitem, "operator"},
    {"length_hint", op_length_hint, "operator"},
    {"call", op_call, "operator"},
    {"__new__", itemgetter_new, "_operator_itemgetterS"},
    {"__call__", itemgetter_call, "_operator_itemgetter", nullptr, true},
    {"__repr__", itemgetter_repr, "_operator_itemgetter", nullptr, true},
    {"__new__", attrgetter_new, "_operator_attrgetterS"},
    {"__call__", attrgetter_call, "_operator_attrgetter", nullptr, true},
    {"__repr__", attrgetter_repr, "_operator_attrgetter", nullptr, true},
    {"__new__", methodcaller_new, "_operator_methodcallerS"},
    {"__call__", methodcaller_call, "_operator_methodcaller", nullptr, true},
    {"__repr__", methodcaller_repr, "_operator_methodcaller", nullptr, true},
};

#undef BIN
#undef IBIN

}  // namespace

const std::span<const BuiltinFnDef> kOperatorFunctions = kOperatorFunctionTable;

void init_operator_module(VM& vm, ModuleObj* module) {
  Value object = Value::type(static_cast<uint32_t>(BuiltinTypeId::Object));
  const auto fns = builtin_functions();
  for (const char* cls : {"itemgetter", "attrgetter", "methodcaller"}) {
    Value ns = native_class_namespace(vm, std::string("_operator_") + cls);
    Dict& d = vm.as<DictObj>(ns)->dict;
    std::vector<Value> slots;
    if (std::string_view(cls) == "methodcaller") {
      for (const char* s : {" name", " args", " kwnames", " kwvalues"})
        slots.push_back(vm.intern(s));
    } else {
      slots.push_back(vm.intern(std::string_view(cls) == "itemgetter" ? " items" : " attrs"));
    }
    d.set(vm, vm.intern("__slots__"), vm.new_tuple(std::move(slots)));
    module->attrs.set(vm, vm.intern(cls),
                      make_module_class(vm, "operator", cls, {object}, ns, true));
  }
  // The dunder aliases (operator.__add__ is operator.add).
  for (size_t i = 0; i < fns.size(); i++) {
    if (!fns[i].module || std::string_view(fns[i].module) != "operator") continue;
    std::string name = fns[i].name;
    if (name == "countOf" || name == "indexOf" || name == "is_" || name == "is_not" ||
        name == "length_hint" || name == "truth")
      continue;
    if (!name.empty() && name.back() == '_') name.pop_back();
    module->attrs.set(vm, vm.intern("__" + name + "__"),
                      Value::builtin_fn(static_cast<uint32_t>(i)));
  }
}

}  // namespace monty
