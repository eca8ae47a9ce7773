// object, type, property, staticmethod, classmethod, super, generators and
// the BaseException family: the builtin types that belong to the object
// model itself rather than to a data type.

#include "runtime/types/registry.h"

namespace monty {

namespace {

Value not_implemented() {
  return Value::type(static_cast<uint32_t>(BuiltinTypeId::NotImplementedType));
}

// ---- object ----------------------------------------------------------------
Value object_init(VM& vm, CallArgs& a) { return Value::none(); }
// object.__init_subclass__(): the end of the super() chain of class hooks.
Value object_init_subclass(VM& vm, CallArgs& a) {
  if (a.has_kwargs()) vm.type_error("__init_subclass__() takes no keyword arguments");
  if (a.size() > 0) vm.type_error("__init_subclass__() takes no arguments");
  return Value::none();
}
// object.__new__(cls, *args), static like every __new__. The builtin data
// types inherit it, so it also serves str.__new__(cls, 'x') and the like
// (super().__new__(cls, value) in a str/int/tuple subclass): for a class
// with a builtin base the arguments build the wrapped value, as that base's
// own __new__ does; a builtin type itself is simply called.
Value object_new(VM& vm, CallArgs& a) {
  if (a.size() == 0) vm.type_error("object.__new__(): not enough arguments");
  Value cls = a[0];
  CallArgs rest;
  rest.pos = a.pos.subspan(1);
  rest.kw_names = a.kw_names;
  rest.kw_values = a.kw_values;
  if (cls.is_type()) {
    const TypeInfo& ti = type_info(static_cast<BuiltinTypeId>(cls.id));
    if (!ti.construct) vm.type_error("cannot create '" + std::string(ti.name) + "' instances");
    rest.self = cls;
    return ti.construct(vm, rest);
  }
  if (!vm.is_kind(cls, ObjKind::Class)) {
    vm.type_error("object.__new__(X): X is not a type object (" + vm.type_name(cls) + ")");
  }
  if (vm.abstract_classes_) [[unlikely]]
    vm.check_instantiable(cls);
  BuiltinTypeId base = vm.as<ClassObj>(cls)->builtin_base;
  Value instance = vm.heap.make<InstanceObj>(cls);
  if (is_subclassable_builtin(base)) {
    init_subclass_instance(vm, instance, base, rest.pos, rest.kw_names, rest.kw_values, false);
  } else if (vm.is_exception_class(cls)) {
    std::vector<Value> args(rest.pos.begin(), rest.pos.end());
    vm.as<InstanceObj>(instance)->args =
        args.empty() ? vm.empty_tuple() : vm.new_tuple(std::move(args));
  } else if (rest.size() > 0 || rest.has_kwargs()) {
    vm.type_error("object.__new__() takes exactly one argument (the type to instantiate)");
  }
  return instance;
}
Value object_repr(VM& vm, CallArgs& a) {
  // object() itself is not prefixed with a module.
  std::string module = vm.is_kind(vm.type_of(a.self), ObjKind::Class) ? "__main__." : "";
  return vm.new_str("<" + module + vm.type_name(a.self) + " object at 0x" +
                    std::to_string(1000 + a.self.id) + ">");
}
Value object_str(VM& vm, CallArgs& a) { return vm.repr(a.self); }
Value object_eq(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "__eq__", 1, 1);
  return a.self.same(a[0]) ? Value::boolean(true) : not_implemented();
}
Value object_ne(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "__ne__", 1, 1);
  return a.self.same(a[0]) ? Value::boolean(false) : not_implemented();
}
Value object_hash(VM& vm, CallArgs& a) {
  return Value::integer(static_cast<int64_t>(a.self.id) * 16 + 7);
}
Value object_setattr(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "__setattr__", 2, 2);
  if (!vm.is_str(a[0]))
    vm.type_error("attribute name must be string, not '" + vm.type_name(a[0]) + "'");
  if (vm.is_kind(a.self, ObjKind::Instance)) {
    vm.store_instance_attr(a.self, a[0], a[1]);
    return Value::none();
  }
  vm.setattr(a.self, a[0], a[1]);
  return Value::none();
}
Value object_delattr(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "__delattr__", 1, 1);
  if (vm.is_kind(a.self, ObjKind::Instance)) {
    if (vm.instance_attrs(vm.as<InstanceObj>(a.self)).erase(vm, a[0])) return Value::none();
  }
  vm.attribute_error(a.self, vm.str_view(a[0]));
}
Value object_format(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "__format__", 1, 1);
  if (!vm.str_view(a[0]).empty()) {
    vm.type_error("unsupported format string passed to " + vm.type_name(a.self) + ".__format__");
  }
  return vm.new_str(vm.to_str(a.self));
}
Value object_getattribute(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "__getattribute__", 1, 1);
  if (!vm.is_str(a[0]))
    vm.type_error("attribute name must be string, not '" + vm.type_name(a[0]) + "'");
  return vm.object_getattribute(a.self, a[0]);
}

constexpr MethodDef kObjectDefs[] = {
    {"__new__", object_new, MethodKind::Static},
    {"__init_subclass__", object_init_subclass, MethodKind::Class},
    {"__init__", object_init},
    {"__repr__", object_repr},
    {"__str__", object_str},
    {"__eq__", object_eq},
    {"__ne__", object_ne},
    {"__hash__", object_hash},
    {"__setattr__", object_setattr},
    {"__delattr__", object_delattr},
    {"__format__", object_format},
    {"__getattribute__", object_getattribute},
};

// ---- property ----------------------------------------------------------------
Value property_with(VM& vm, CallArgs& a, int which) {
  check_arg_count(vm, a, which == 0 ? "getter" : which == 1 ? "setter" : "deleter", 1, 1);
  auto* p = vm.as<WrapperObj>(a.self);
  Value f0 = p->f0, f1 = p->f1, f2 = p->f2, f3 = p->f3;
  if (which == 0) f0 = a[0];
  if (which == 1) f1 = a[0];
  if (which == 2) f2 = a[0];
  return vm.heap.make<WrapperObj>(ObjKind::Property, f0, f1, f2, f3);
}
Value property_getter(VM& vm, CallArgs& a) { return property_with(vm, a, 0); }
Value property_setter(VM& vm, CallArgs& a) { return property_with(vm, a, 1); }
Value property_deleter(VM& vm, CallArgs& a) { return property_with(vm, a, 2); }

constexpr MethodDef kPropertyDefs[] = {
    {"getter", property_getter},
    {"setter", property_setter},
    {"deleter", property_deleter},
};

// ---- generators ------------------------------------------------------------------
// What a generator that finished in send/next/throw raises: StopIteration
// carrying its return value.
[[noreturn]] void raise_generator_return(VM& vm) {
  Value exc = vm.new_exception(Value::type(static_cast<uint32_t>(BuiltinTypeId::StopIteration)),
                               vm.last_return_.is_undef() || vm.last_return_.is_none()
                                   ? std::vector<Value>{}
                                   : std::vector<Value>{vm.last_return_});
  vm.raise(exc);
}
Value gen_send(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "send", 1, 1);
  Value out;
  if (vm.resume_generator(a.self, a[0], &out)) return out;
  raise_generator_return(vm);
}
Value gen_next(VM& vm, CallArgs& a) {
  Value out;
  if (vm.resume_generator(a.self, Value::none(), &out)) return out;
  raise_generator_return(vm);
}
Value gen_iter(VM& vm, CallArgs& a) { return a.self; }

// close(): GeneratorExit is thrown in at the paused yield, so the generator's
// finally blocks and `with` exits run; it must then finish.
Value gen_close(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "close", 0, 0);
  auto* g = vm.as<GeneratorObj>(a.self);
  if (!g->frame || !g->started) {
    g->frame.reset();
    return Value::none();
  }
  Value exit = vm.new_exception(BuiltinTypeId::GeneratorExit, "");
  Value out;
  bool yielded;
  try {
    yielded = vm.throw_into_generator(a.self, exit, &out);
  } catch (PyError& e) {
    if (vm.is_instance(e.exc, BuiltinTypeId::GeneratorExit) ||
        vm.is_instance(e.exc, BuiltinTypeId::StopIteration)) {
      return Value::none();
    }
    throw;
  }
  if (yielded) vm.raise(BuiltinTypeId::RuntimeError, "generator ignored GeneratorExit");
  return Value::none();
}

Value gen_throw(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "throw", 1, 3);
  Value exc = a[0];
  if (exc.is_type() || vm.is_kind(exc, ObjKind::Class)) {
    if (!vm.is_exception_class(exc))
      vm.type_error(
          "exceptions must be classes or instances deriving from BaseException, not type");
    exc = a.size() >= 2 && !a[1].is_none() ? vm.call(exc, std::span<const Value>(&a[1], 1))
                                           : vm.call(exc);
  } else if (!vm.is_exception_class(vm.type_of(exc))) {
    vm.type_error("exceptions must be classes or instances deriving from BaseException, not " +
                  vm.type_name(exc));
  } else if (a.size() >= 2 && !a[1].is_none()) {
    vm.type_error("instance exception may not have a separate value");
  }
  Value out;
  if (vm.throw_into_generator(a.self, exc, &out)) return out;
  raise_generator_return(vm);
}

constexpr MethodDef kGeneratorDefs[] = {
    {"send", gen_send},   {"__next__", gen_next}, {"__iter__", gen_iter},
    {"close", gen_close}, {"throw", gen_throw},
};
// A coroutine is driven by await (or an event loop), not iterated.
constexpr MethodDef kCoroutineDefs[] = {
    {"send", gen_send},
    {"close", gen_close},
    {"throw", gen_throw},
};

// ---- BaseException ------------------------------------------------------------------
Value exc_init(VM& vm, CallArgs& a) {
  if (vm.is_kind(a.self, ObjKind::Instance)) {
    vm.as<InstanceObj>(a.self)->args = vm.new_tuple(std::vector<Value>(a.pos.begin(), a.pos.end()));
  }
  return Value::none();
}
Value exc_str(VM& vm, CallArgs& a) {
  auto* inst = vm.as<InstanceObj>(a.self);
  auto& args = vm.as<TupleObj>(inst->args)->items;
  if (args.empty()) return vm.new_str("");
  if (args.size() == 1) return vm.new_str(vm.to_str(args[0]));
  return vm.new_str(tuple_repr(vm, inst->args));
}
Value exc_repr(VM& vm, CallArgs& a) {
  auto* inst = vm.as<InstanceObj>(a.self);
  auto& args = vm.as<TupleObj>(inst->args)->items;
  std::string name = vm.type_name(a.self);
  if (args.size() == 1) return vm.new_str(name + "(" + vm.repr_str(args[0]) + ")");
  return vm.new_str(name + tuple_repr(vm, inst->args));
}
Value exc_with_traceback(VM& vm, CallArgs& a) { return a.self; }

}  // namespace

// A raised exception's __traceback__: a chain of `traceback` objects, one
// per frame the exception passed through, starting at the outermost
// (tb_next goes inwards), each with tb_lineno and tb_next. Frames are not objects here,
// so there is no tb_frame. The objects are InstanceObjs of the builtin
// `traceback` type carrying those attributes (no state of their own), built
// from InstanceObj::traceback on access.
Value exception_traceback(VM& vm, Value exc) {
  if (!vm.is_kind(exc, ObjKind::Instance)) return Value::none();
  std::vector<TracebackEntry> entries = vm.as<InstanceObj>(exc)->traceback;
  Value next = Value::none();
  Value cls = Value::type(static_cast<uint32_t>(BuiltinTypeId::Traceback));
  Value lineno = vm.intern("tb_lineno"), next_name = vm.intern("tb_next");
  // handle_exception records frames as the exception leaves them, innermost
  // first; the chain starts at the outermost.
  for (size_t i = 0; i < entries.size(); i++) {
    Value tb = vm.heap.make<InstanceObj>(cls);
    auto* inst = vm.as<InstanceObj>(tb);
    inst->inline_attrs.set(vm, lineno, Value::integer(entries[i].line));
    inst->inline_attrs.set(vm, next_name, next);
    next = tb;
  }
  return next;
}

namespace {
Value exc_add_note(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "add_note", 1, 1);
  if (!vm.is_str(a[0])) vm.type_error("note must be a str, not '" + vm.type_name(a[0]) + "'");
  auto* inst = vm.as<InstanceObj>(a.self);
  Value key = vm.intern("__notes__");
  Dict::Entry* e = vm.instance_attrs(inst).find_str(vm, key);
  if (!e) {
    Value l = vm.new_list();
    vm.instance_attrs(vm.as<InstanceObj>(a.self)).set(vm, key, l);
    e = vm.instance_attrs(vm.as<InstanceObj>(a.self)).find_str(vm, key);
  }
  vm.as<ListObj>(e->value)->items.push_back(a[0]);
  return Value::none();
}

// ---- BaseExceptionGroup / ExceptionGroup (3.11's Objects/exceptions.c) -----------------
// A group keeps its message and its exceptions (a tuple) in hidden slots:
// args holds the arguments as given (the sequence as it was passed).

Value group_exceptions(VM& vm, Value eg) {
  Value excs = hidden_attr(vm, eg, " excs");
  if (!vm.is_tuple(excs)) vm.type_error("exception group without exceptions");
  return excs;
}

Value eg_str(VM& vm, CallArgs& a) { return vm.new_str(exception_group_str(vm, a.self)); }

Value eg_derive(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "derive", 1, 1);
  Value msg = hidden_attr(vm, a.self, " msg");
  Value args[2] = {msg.is_undef() ? vm.new_str("") : msg, a[0]};
  return vm.call(Value::type(static_cast<uint32_t>(BuiltinTypeId::BaseExceptionGroup)),
                 std::span<const Value>(args, 2));
}

// split()'s and subgroup()'s condition: an exception type, a tuple of them,
// or a predicate.
struct GroupCondition {
  VM& vm;
  Value cond;
  bool predicate = false;

  GroupCondition(VM& v, Value c) : vm(v), cond(c) {
    auto is_exc_class = [&](Value t) {
      return (t.is_type() || vm.is_kind(t, ObjKind::Class)) && vm.is_exception_class(t);
    };
    if (is_callable(vm, c) && !c.is_type() && !vm.is_kind(c, ObjKind::Class)) {
      predicate = true;
      return;
    }
    bool ok = is_exc_class(c);
    if (!ok && vm.is_tuple(c)) {
      ok = true;
      for (Value t : vm.as<TupleObj>(c)->items) ok = ok && is_exc_class(t);
    }
    if (!ok) vm.type_error("expected a function, exception type or tuple of exception types");
  }
  bool matches(Value exc) {
    if (predicate) return vm.truthy(vm.call(cond, std::span<const Value>(&exc, 1)));
    if (!vm.is_tuple(cond)) return vm.isinstance(exc, cond);
    for (Value t : vm.as<TupleObj>(cond)->items)
      if (vm.isinstance(exc, t)) return true;
    return false;
  }
};

// A group like `orig` holding `excs` (orig.derive(excs)), with its
// traceback, cause, context and notes.
Value derived_group(VM& vm, Value orig, std::vector<Value> excs) {
  Value derive = vm.getattr(orig, vm.intern("derive"));
  Value list = vm.new_list(std::move(excs));
  Value eg = vm.call(derive, std::span<const Value>(&list, 1));
  if (!vm.is_instance(eg, BuiltinTypeId::BaseExceptionGroup) || !vm.is_kind(eg, ObjKind::Instance))
    vm.type_error("derive must return an instance of BaseExceptionGroup");
  auto* from = vm.as<InstanceObj>(orig);
  auto* to = vm.as<InstanceObj>(eg);
  to->traceback = from->traceback;
  to->cause = from->cause;
  to->context = from->context;
  to->suppress_context = true;
  Value notes_key = vm.intern("__notes__");
  if (Dict::Entry* e = vm.instance_attrs(from).find_str(vm, notes_key)) {
    if (vm.is_kind(e->value, ObjKind::List) || vm.is_tuple(e->value))
      vm.instance_attrs(to).set(vm, notes_key, vm.new_list(vm.to_vector(e->value)));
  }
  return eg;
}

// exceptiongroup_split_recursive: (the part that matches, the rest), None
// for an empty part. Nesting is bounded: a group nested 1,000 deep is a
// RecursionError, not a C++ stack overflow.
std::pair<Value, Value> split_group(VM& vm, Value exc, GroupCondition& cond, int depth) {
  if (depth > 1000) vm.raise(BuiltinTypeId::RecursionError, "maximum recursion depth exceeded");
  if (cond.matches(exc)) return {exc, Value::none()};
  if (!vm.is_instance(exc, BuiltinTypeId::BaseExceptionGroup)) return {Value::none(), exc};
  std::vector<Value> matched, rest;
  for (Value e : std::vector<Value>(vm.as<TupleObj>(group_exceptions(vm, exc))->items)) {
    auto [m, r] = split_group(vm, e, cond, depth + 1);
    if (!m.is_none()) matched.push_back(m);
    if (!r.is_none()) rest.push_back(r);
  }
  Value m = matched.empty() ? Value::none() : derived_group(vm, exc, std::move(matched));
  Value r = rest.empty() ? Value::none() : derived_group(vm, exc, std::move(rest));
  return {m, r};
}

Value eg_split(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "split", 1, 1);
  GroupCondition cond(vm, a[0]);
  auto [m, r] = split_group(vm, a.self, cond, 0);
  return vm.new_tuple({m, r});
}

Value eg_subgroup(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "subgroup", 1, 1);
  GroupCondition cond(vm, a[0]);
  return split_group(vm, a.self, cond, 0).first;
}

constexpr MethodDef kExceptionGroupDefs[] = {
    {"__str__", eg_str},
    {"derive", eg_derive},
    {"split", eg_split},
    {"subgroup", eg_subgroup},
};

constexpr MethodDef kExceptionDefs[] = {
    {"__init__", exc_init},     {"__str__", exc_str},
    {"__repr__", exc_repr},     {"with_traceback", exc_with_traceback},
    {"add_note", exc_add_note},
};

}  // namespace

const std::span<const MethodDef> kObjectMethods = kObjectDefs;
const std::span<const MethodDef> kGeneratorMethods = kGeneratorDefs;
const std::span<const MethodDef> kCoroutineMethods = kCoroutineDefs;
const std::span<const MethodDef> kFunctionMethods = {};
const std::span<const MethodDef> kBaseExceptionMethods = kExceptionDefs;
const std::span<const MethodDef> kExceptionGroupMethods = kExceptionGroupDefs;
const std::span<const MethodDef> kPropertyMethods = kPropertyDefs;

Value construct_object(VM& vm, CallArgs& a) {
  if (a.size() > 0 || a.has_kwargs()) vm.type_error("object() takes no arguments");
  // A bare object(): an instance of a class with no attributes of its own.
  return vm.heap.make<InstanceObj>(Value::type(static_cast<uint32_t>(BuiltinTypeId::Object)));
}

Value construct_type(VM& vm, CallArgs& a) {
  check_no_kwargs(vm, a, "type");
  if (a.size() == 1) return vm.type_of(a[0]);
  if (a.size() == 3)
    vm.raise(BuiltinTypeId::NotImplementedError, "type() with 3 arguments is not supported");
  vm.type_error("type() takes 1 or 3 arguments");
}

Value construct_property(VM& vm, CallArgs& a) {
  Value out[4];
  bind_args(vm, a, "property", {"fget", "fset", "fdel", "doc"}, 0, 0, out);
  return vm.heap.make<WrapperObj>(ObjKind::Property, out[0], out[1], out[2], out[3]);
}

Value construct_staticmethod(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "staticmethod", 1, 1);
  return vm.heap.make<WrapperObj>(ObjKind::StaticMethod, a[0]);
}

Value construct_classmethod(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "classmethod", 1, 1);
  return vm.heap.make<WrapperObj>(ObjKind::ClassMethod, a[0]);
}

Value construct_super(VM& vm, CallArgs& a) {
  check_no_kwargs(vm, a, "super");
  if (a.size() == 0) vm.raise(BuiltinTypeId::RuntimeError, "super(): no arguments");
  if (a.size() != 2)
    vm.raise(BuiltinTypeId::NotImplementedError, "super() with one argument is not supported");
  Value type = a[0], obj = a[1];
  if (!(type.is_type() || vm.is_kind(type, ObjKind::Class))) {
    vm.type_error("super() argument 1 must be a type, not " + vm.type_name(type));
  }
  bool ok = vm.isinstance(obj, type) ||
            ((obj.is_type() || vm.is_kind(obj, ObjKind::Class)) && vm.is_subclass(obj, type));
  if (!ok) vm.type_error("super(type, obj): obj must be an instance or subtype of type");
  return vm.heap.make<WrapperObj>(ObjKind::Super, type, obj);
}

// "message (N sub-exceptions)"
std::string exception_group_str(VM& vm, Value eg) {
  Value msg = hidden_attr(vm, eg, " msg");
  Value excs = hidden_attr(vm, eg, " excs");
  const size_t n = vm.is_tuple(excs) ? vm.as<TupleObj>(excs)->items.size() : 0;
  return (vm.is_str(msg) ? std::string(vm.str_view(msg)) : std::string()) + " (" +
         std::to_string(n) + " sub-exception" + (n == 1 ? ")" : "s)");
}

Value construct_exception_group(VM& vm, CallArgs& a) {
  Value cls = a.self;
  if (a.has_kwargs()) vm.type_error(vm.class_name(cls) + "() takes no keyword arguments");
  return new_exception_group(vm, cls, a.pos);
}

Value new_exception_group(VM& vm, Value cls, std::span<const Value> pos, Value instance) {
  if (pos.size() != 2) {
    vm.type_error("BaseExceptionGroup.__new__() takes exactly 2 arguments (" +
                  std::to_string(pos.size()) + " given)");
  }
  Value msg = pos[0], seq = pos[1];
  if (!vm.is_str(msg)) {
    vm.type_error("BaseExceptionGroup.__new__() argument 1 must be str, not " + vm.type_name(msg));
  }
  if (!vm.is_kind(seq, ObjKind::List) && !vm.is_tuple(seq) && !vm.is_str(seq) &&
      !vm.is_kind(seq, ObjKind::Range) && !vm.is_kind(seq, ObjKind::Bytes))
    vm.type_error("second argument (exceptions) must be a sequence");
  std::vector<Value> excs = vm.to_vector(seq);
  if (excs.empty()) vm.value_error("second argument (exceptions) must be a non-empty sequence");
  bool nested_base = false;
  for (size_t i = 0; i < excs.size(); i++) {
    if (!vm.is_kind(excs[i], ObjKind::Instance) ||
        !vm.is_instance(excs[i], BuiltinTypeId::BaseException))
      vm.value_error("Item " + std::to_string(i) +
                     " of second argument (exceptions) is not an exception");
    if (!vm.is_instance(excs[i], BuiltinTypeId::Exception)) nested_base = true;
  }
  const Value eg_type = Value::type(static_cast<uint32_t>(BuiltinTypeId::ExceptionGroup));
  if (cls.same(eg_type)) {
    if (nested_base) vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup");
  } else if (cls.same(Value::type(static_cast<uint32_t>(BuiltinTypeId::BaseExceptionGroup)))) {
    if (!nested_base) cls = eg_type;  // all are Exceptions: an ExceptionGroup
  } else if (nested_base && vm.is_subclass(cls, BuiltinTypeId::Exception)) {
    vm.type_error("Cannot nest BaseExceptions in '" + vm.class_name(cls) + "'");
  }
  Value exc = instance.is_undef() ? vm.new_exception(cls, {msg, seq}) : instance;
  set_hidden_attr(vm, exc, " msg", msg);
  set_hidden_attr(vm, exc, " excs", vm.new_tuple(std::move(excs)));
  return exc;
}

Value construct_exception(VM& vm, CallArgs& a) {
  Value cls = a.self;
  if (a.has_kwargs()) vm.type_error(vm.class_name(cls) + "() takes no keyword arguments");
  return vm.new_exception(cls, std::vector<Value>(a.pos.begin(), a.pos.end()));
}

}  // namespace monty
