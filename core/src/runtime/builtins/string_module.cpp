// The string module: its constants and capwords. (Template and Formatter are
// classes with methods of their own and are not provided.)
#include <string>

#include "runtime/types/registry.h"

namespace monty {

namespace {

// capwords(s, sep=None): (sep or ' ').join(w.capitalize() for w in s.split(sep)).
Value st_capwords(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "capwords", {"s", "sep"}, 1, a);
  Value sep = a[1].is_undef() ? Value::none() : a[1];
  Value words = vm.call_method(a[0], "split", std::span<const Value>(&sep, 1));
  std::vector<Value> parts = vm.to_vector(words);
  for (Value& w : parts) w = vm.call_method(w, "capitalize");
  Value joiner = vm.truthy(sep) ? sep : vm.new_str(" ");
  Value list = vm.new_list(std::move(parts));
  return vm.call_method(joiner, "join", std::span<const Value>(&list, 1));
}

const BuiltinFnDef kStringFunctionTable[] = {
    {"capwords", st_capwords, "string"},
};

}  // namespace

const std::span<const BuiltinFnDef> kStringFunctions = kStringFunctionTable;

void init_string_module(VM& vm, ModuleObj* module) {
  static constexpr std::pair<const char*, const char*> kConstants[] = {
      {"whitespace", " \t\n\r\v\f"},
      {"ascii_lowercase", "abcdefghijklmnopqrstuvwxyz"},
      {"ascii_uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
      {"ascii_letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"},
      {"digits", "0123456789"},
      {"hexdigits", "0123456789abcdefABCDEF"},
      {"octdigits", "01234567"},
      {"punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"},
      {"printable",
       "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./"
       ":;<=>?@[\\]^_`{|}~ \t\n\r\v\f"},
  };
  for (const auto& [name, value] : kConstants)
    module->attrs.set(vm, vm.new_str(name), vm.new_str(value));
}

}  // namespace monty
