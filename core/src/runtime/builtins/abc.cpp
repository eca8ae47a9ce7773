// The abc module: ABC, abstractmethod and update_abstractmethods.
//
// A class deriving from ABC gets __abstractmethods__ when it is made:
// VM::build_class calls VM::update_abstract_methods, which computes what
// CPython's ABCMeta.__new__ does (the names bound to abstract methods in the
// class, plus the inherited abstract names the class still resolves to
// abstract methods). Instantiating a class whose set is not empty raises
// CPython's TypeError (VM::check_instantiable, from VM::instantiate and
// object.__new__); the check costs nothing until some class has abstract
// methods (VM::abstract_classes_, derived again when a snapshot loads).
//
// A method is abstract when it carries __isabstractmethod__ (set by
// @abstractmethod), also through property (any of its accessors),
// classmethod and staticmethod. ABCMeta exists for imports and for
// isinstance(cls, ABCMeta) (true for the classes deriving from ABC, via
// is_abc_meta_instance), but it cannot be called or used as a metaclass (a
// class statement's metaclass= keyword is not supported). Not provided:
// ABC.register (virtual subclasses) and the deprecated abstractproperty,
// abstractclassmethod and abstractstaticmethod.
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

bool is_abstract(VM& vm, Value v, int depth = 0) {
  if (depth > 2 || !v.is_obj()) return false;
  switch (vm.kind(v)) {
    case ObjKind::Property: {
      auto* p = vm.as<WrapperObj>(v);
      return is_abstract(vm, p->f0, depth + 1) || is_abstract(vm, p->f1, depth + 1) ||
             is_abstract(vm, p->f2, depth + 1);
    }
    case ObjKind::ClassMethod:
    case ObjKind::StaticMethod:
      return is_abstract(vm, vm.as<WrapperObj>(v)->f0, depth + 1);
    case ObjKind::Function: {
      Value attrs = vm.as<FunctionObj>(v)->attrs;
      if (!vm.is_kind(attrs, ObjKind::Dict)) return false;
      Dict::Entry* e = vm.as<DictObj>(attrs)->dict.find_str(vm, vm.intern("__isabstractmethod__"));
      return e && vm.truthy(e->value);
    }
    default:
      return false;
  }
}

// abstractmethod(funcobj): marks it and returns it (any object taking
// attributes, as in CPython).
Value abc_abstractmethod(VM& vm, CallArgs& args) {
  static constexpr RuntimeParam kParams[] = {{"funcobj", false, false}};
  Value funcobj;
  bind_like_python(vm, args, 0, "abstractmethod", kParams, 0, &funcobj);
  vm.setattr(funcobj, vm.intern("__isabstractmethod__"), Value::boolean(true));
  return funcobj;
}

// update_abstractmethods(cls): recomputes the set after the class changed
// (3.10+); a class that is not an ABC is returned unchanged.
Value abc_update_abstractmethods(VM& vm, CallArgs& args) {
  static constexpr RuntimeParam kParams[] = {{"cls", false, false}};
  Value cls;
  bind_like_python(vm, args, 0, "update_abstractmethods", kParams, 0, &cls);
  if (vm.is_kind(cls, ObjKind::Class) &&
      !vm.class_lookup(cls, vm.intern("__abstractmethods__")).is_undef()) {
    vm.update_abstract_methods(cls);
  }
  return cls;
}

// ABCMeta(...): CPython makes a class; here classes come from class
// statements deriving from ABC.
Value abc_meta_new(VM& vm, CallArgs&) {
  vm.type_error("abc.ABCMeta cannot be called here: derive the class from abc.ABC");
}

const BuiltinFnDef kAbcFunctionTable[] = {
    {"abstractmethod", abc_abstractmethod, "abc"},
    {"update_abstractmethods", abc_update_abstractmethods, "abc"},
    {"__new__", abc_meta_new, "_abc"},
};

}  // namespace

const std::span<const BuiltinFnDef> kAbcFunctions = kAbcFunctionTable;

void VM::update_abstract_methods(Value cls) {
  Value am_name = intern("__abstractmethods__");
  // The set is built in place (its table answers "seen?" in O(1): a class
  // may have thousands of names).
  Value set = new_set(true);
  NativeRoots roots(*this, {&cls, &set});
  std::vector<Value> own;
  for (const auto& e : as<ClassObj>(cls)->attrs.entries()) {
    if (!e.key.is_undef() && is_str(e.key) && !e.key.same(am_name)) own.push_back(e.key);
  }
  for (Value name : own) {
    Dict::Entry* e = as<ClassObj>(cls)->attrs.find_str(*this, name);
    if (e && is_abstract(*this, e->value)) as<SetObj>(set)->table.set(*this, name, Value::none());
  }
  std::vector<Value> bases = as<ClassObj>(cls)->bases;
  for (Value base : bases) {
    if (!is_kind(base, ObjKind::Class)) continue;
    Value inherited = class_lookup(base, am_name);
    if (!is_kind(inherited, ObjKind::Set)) continue;
    std::vector<Value> names;
    for (const auto& e : as<SetObj>(inherited)->table.entries())
      if (!e.key.is_undef() && is_str(e.key)) names.push_back(e.key);
    for (Value name : names) {
      if (as<SetObj>(set)->table.find(*this, name)) continue;
      if (is_abstract(*this, class_lookup(cls, name)))
        as<SetObj>(set)->table.set(*this, name, Value::none());
    }
  }
  bool any = as<SetObj>(set)->table.size() > 0;
  as<ClassObj>(cls)->attrs.set(*this, am_name, set);
  class_version_++;
  if (any) abstract_classes_ = true;
}

void VM::check_instantiable(Value cls) {
  Value am = class_lookup(cls, intern("__abstractmethods__"));
  if (!is_kind(am, ObjKind::Set)) return;
  std::vector<std::string> names;
  for (const auto& e : as<SetObj>(am)->table.entries())
    if (!e.key.is_undef() && is_str(e.key)) names.emplace_back(str_view(e.key));
  if (names.empty()) return;
  std::sort(names.begin(), names.end());
  std::string message = "Can't instantiate abstract class " + class_name(cls) +
                        (names.size() == 1 ? " with abstract method " : " with abstract methods ");
  for (size_t i = 0; i < names.size(); i++) message += (i ? ", " : "") + names[i];
  type_error(std::move(message));
}

bool is_abc_meta_instance(VM& vm, Value obj, Value cls) {
  if (!vm.is_kind(obj, ObjKind::Class) || !vm.is_kind(cls, ObjKind::Class)) return false;
  auto* c = vm.as<ClassObj>(cls);
  if (!vm.is_str(c->name) || vm.str_view(c->name) != "ABCMeta" || vm.class_module(cls) != "abc")
    return false;
  return !vm.class_lookup(obj, vm.intern("__abstractmethods__")).is_undef();
}

void init_abc_module(VM& vm, ModuleObj* module) {
  Value object = Value::type(static_cast<uint32_t>(BuiltinTypeId::Object));
  Value ns = vm.new_dict();
  vm.as<DictObj>(ns)->dict.set(vm, vm.intern("__abstractmethods__"), vm.new_set(true));
  module->attrs.set(vm, vm.intern("ABC"), make_module_class(vm, "abc", "ABC", {object}, ns));
  Value meta_ns = vm.new_dict();
  vm.as<DictObj>(meta_ns)->dict.set(
      vm, vm.intern("__new__"),
      vm.heap.make<WrapperObj>(ObjKind::StaticMethod, hidden_fn(abc_meta_new)));
  module->attrs.set(vm, vm.intern("ABCMeta"),
                    make_module_class(vm, "abc", "ABCMeta", {object}, meta_ns));
}

}  // namespace monty
