// "Did you mean: 'append'?": the suggestion CPython 3.11 adds to an uncaught
// NameError or AttributeError (Python/suggestions.c), computed the same way:
// the closest candidate by CPython's Levenshtein variant (case changes cost
// 1, other edits 2; at most a third of the characters changed), taken from
// the names CPython would look at.
#include "runtime/suggestions.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

constexpr size_t kMaxCandidateItems = 750;
constexpr size_t kMaxStringSize = 40;
constexpr size_t kMoveCost = 2;
constexpr size_t kCaseCost = 1;

// The builtins module's names in CPython 3.11's order (list(builtins.__dict__)
// in a script): a NameError's last candidates. CPython suggests from its own
// builtins, so these include names this interpreter does not provide (open,
// eval): the printed suggestion is CPython's.
constexpr std::string_view kCPythonBuiltins[] = {
    "__name__",
    "__doc__",
    "__package__",
    "__loader__",
    "__spec__",
    "__build_class__",
    "__import__",
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "breakpoint",
    "callable",
    "chr",
    "compile",
    "delattr",
    "dir",
    "divmod",
    "eval",
    "exec",
    "format",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "hex",
    "id",
    "input",
    "isinstance",
    "issubclass",
    "iter",
    "aiter",
    "len",
    "locals",
    "max",
    "min",
    "next",
    "anext",
    "oct",
    "ord",
    "pow",
    "print",
    "repr",
    "round",
    "setattr",
    "sorted",
    "sum",
    "vars",
    "None",
    "Ellipsis",
    "NotImplemented",
    "False",
    "True",
    "bool",
    "memoryview",
    "bytearray",
    "bytes",
    "classmethod",
    "complex",
    "dict",
    "enumerate",
    "filter",
    "float",
    "frozenset",
    "property",
    "int",
    "list",
    "map",
    "object",
    "range",
    "reversed",
    "set",
    "slice",
    "staticmethod",
    "str",
    "super",
    "tuple",
    "type",
    "zip",
    "__debug__",
    "BaseException",
    "BaseExceptionGroup",
    "Exception",
    "GeneratorExit",
    "KeyboardInterrupt",
    "SystemExit",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BufferError",
    "EOFError",
    "ImportError",
    "LookupError",
    "MemoryError",
    "NameError",
    "OSError",
    "ReferenceError",
    "RuntimeError",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SystemError",
    "TypeError",
    "ValueError",
    "Warning",
    "FloatingPointError",
    "OverflowError",
    "ZeroDivisionError",
    "BytesWarning",
    "DeprecationWarning",
    "EncodingWarning",
    "FutureWarning",
    "ImportWarning",
    "PendingDeprecationWarning",
    "ResourceWarning",
    "RuntimeWarning",
    "SyntaxWarning",
    "UnicodeWarning",
    "UserWarning",
    "BlockingIOError",
    "ChildProcessError",
    "ConnectionError",
    "FileExistsError",
    "FileNotFoundError",
    "InterruptedError",
    "IsADirectoryError",
    "NotADirectoryError",
    "PermissionError",
    "ProcessLookupError",
    "TimeoutError",
    "IndentationError",
    "IndexError",
    "KeyError",
    "ModuleNotFoundError",
    "NotImplementedError",
    "RecursionError",
    "UnboundLocalError",
    "UnicodeError",
    "BrokenPipeError",
    "ConnectionAbortedError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "TabError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeTranslateError",
    "ExceptionGroup",
    "EnvironmentError",
    "IOError",
    "open",
    "quit",
    "exit",
    "copyright",
    "credits",
    "license",
    "help",
};

// What dir() of any object includes from `object` (dir(object) in CPython 3.11).
constexpr std::string_view kObjectDir[] = {
    "__class__",   "__delattr__", "__dir__",           "__doc__",          "__eq__",
    "__format__",  "__ge__",      "__getattribute__",  "__getstate__",     "__gt__",
    "__hash__",    "__init__",    "__init_subclass__", "__le__",           "__lt__",
    "__ne__",      "__new__",     "__reduce__",        "__reduce_ex__",    "__repr__",
    "__setattr__", "__sizeof__",  "__str__",           "__subclasshook__",
};

// The data attributes every exception has (dir(BaseException()) less its
// methods, which the method table lists).
constexpr std::string_view kExceptionAttributes[] = {
    "args",          "__cause__", "__context__", "__dict__", "__setstate__", "__suppress_context__",
    "__traceback__",
};

// dir() of a Python function, less object's entries.
constexpr std::string_view kFunctionAttributes[] = {
    "__annotations__", "__builtins__", "__call__",     "__closure__", "__code__",
    "__defaults__",    "__dict__",     "__get__",      "__globals__", "__kwdefaults__",
    "__module__",      "__name__",     "__qualname__",
};

// A module's own entries in its globals before the program's (a script run
// as __main__).
constexpr std::string_view kModuleGlobals[] = {
    "__name__", "__doc__",      "__package__", "__loader__",
    "__spec__", "__builtins__", "__file__",    "__cached__",
};

size_t substitution_cost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  if (a >= 'A' && a <= 'Z') a = static_cast<char>(a + ('a' - 'A'));
  if (b >= 'A' && b <= 'Z') b = static_cast<char>(b + ('a' - 'A'));
  return a == b ? kCaseCost : kMoveCost;
}

// CPython's levenshtein_distance, on UTF-8 bytes; more than max_cost when it
// gives up.
size_t distance(std::string_view a, std::string_view b, size_t max_cost) {
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxStringSize || b.size() > kMaxStringSize) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  std::array<size_t, kMaxStringSize> row;
  for (size_t i = 0; i < a.size(); i++) row[i] = (i + 1) * kMoveCost;
  size_t result = 0;
  for (size_t bi = 0; bi < b.size(); bi++) {
    size_t dist = result = bi * kMoveCost;
    size_t minimum = std::numeric_limits<size_t>::max();
    for (size_t ai = 0; ai < a.size(); ai++) {
      size_t substitute = dist + substitution_cost(b[bi], a[ai]);
      dist = row[ai];
      size_t insert_delete = std::min(result, dist) + kMoveCost;
      result = std::min(insert_delete, substitute);
      row[ai] = result;
      minimum = std::min(minimum, result);
    }
    if (minimum > max_cost) return max_cost + 1;
  }
  return result;
}

// CPython's calculate_suggestions: the first closest candidate, or none.
std::optional<std::string> closest(std::string_view name,
                                   const std::vector<std::string_view>& candidates) {
  if (candidates.size() >= kMaxCandidateItems) return std::nullopt;
  std::optional<std::string> best;
  size_t best_distance = std::numeric_limits<size_t>::max();
  for (std::string_view item : candidates) {
    if (item == name) continue;
    size_t max_distance = (name.size() + item.size() + 3) * kMoveCost / 6;
    max_distance = std::min(max_distance, best_distance - 1);
    size_t d = distance(name, item, max_distance);
    if (d > max_distance) continue;
    if (!best || d < best_distance) {
      best = std::string(item);
      best_distance = d;
    }
  }
  return best;
}

void add_dict_keys(const VM& vm, const Dict& d, std::vector<std::string_view>& out) {
  for (const auto& e : d.entries())
    if (!e.key.is_undef() && vm.is_str(e.key)) out.push_back(vm.str_view(e.key));
}

void add_builtin_type(BuiltinTypeId id, std::vector<std::string_view>& out) {
  for (;;) {
    for (const MethodDef& m : type_info(id).methods) out.push_back(m.name);
    if (id == BuiltinTypeId::Object) break;
    id = type_info(id).base;
  }
}

// dir(obj) as far as this interpreter knows it: CPython's sorted listing of
// the instance's, its classes' and object's attributes.
std::vector<std::string_view> dir_of(VM& vm, Value obj) {
  std::vector<std::string_view> out(std::begin(kObjectDir), std::end(kObjectDir));
  auto add_class = [&](Value cls) {
    if (vm.is_kind(cls, ObjKind::Class)) {
      for (Value c : vm.as<ClassObj>(cls)->mro) {
        if (vm.is_kind(c, ObjKind::Class)) {
          add_dict_keys(vm, vm.as<ClassObj>(c)->attrs, out);
        } else if (c.is_type()) {
          add_builtin_type(static_cast<BuiltinTypeId>(c.id), out);
        }
      }
    } else if (cls.is_type()) {
      add_builtin_type(static_cast<BuiltinTypeId>(cls.id), out);
    }
  };
  if (vm.is_kind(obj, ObjKind::Module)) {
    out.assign(std::begin(kModuleGlobals),
               std::end(kModuleGlobals) - 3);  // no builtins/file/cached
    add_dict_keys(vm, vm.as<ModuleObj>(obj)->attrs, out);
  } else if (vm.is_kind(obj, ObjKind::Class) || obj.is_type()) {
    add_class(obj);
  } else {
    if (vm.is_kind(obj, ObjKind::Instance))
      add_dict_keys(vm, vm.instance_attrs(vm.as<InstanceObj>(obj)), out);
    add_class(vm.type_of(obj));
    if (vm.is_subclass(vm.type_of(obj), BuiltinTypeId::BaseException))
      out.insert(out.end(), std::begin(kExceptionAttributes), std::end(kExceptionAttributes));
    if (vm.is_kind(obj, ObjKind::Function))
      out.insert(out.end(), std::begin(kFunctionAttributes), std::end(kFunctionAttributes));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::optional<std::string> offer_suggestion(VM& vm, Value exc) {
  if (!vm.is_kind(exc, ObjKind::Instance)) return std::nullopt;
  auto* e = vm.as<InstanceObj>(exc);
  const bool name_error = vm.is_subclass(e->cls, BuiltinTypeId::NameError);
  if (!name_error && !vm.is_subclass(e->cls, BuiltinTypeId::AttributeError)) return std::nullopt;
  Dict& attrs = vm.instance_attrs(e);
  const Dict::Entry* name = attrs.find_str(vm, vm.intern("name"));
  if (!name || !vm.is_str(name->value)) return std::nullopt;
  const std::string_view wanted = vm.str_view(name->value);
  if (!name_error) {
    const Dict::Entry* obj = attrs.find_str(vm, vm.intern("obj"));
    if (!obj) return std::nullopt;
    return closest(wanted, dir_of(vm, obj->value));
  }
  // A NameError: the innermost frame's local variables, then the module's
  // globals, then the builtins, each list on its own.
  if (e->traceback.empty()) return std::nullopt;
  const Program& p = vm.program();
  const Code& code = p.codes[e->traceback.front().code_index];
  std::vector<std::string_view> candidates;
  if (!(code.flags & (kCodeModule | kCodeClassBody))) {
    for (const std::string& n : code.local_names) candidates.push_back(n);
    if (auto s = closest(wanted, candidates)) return s;
  }
  candidates.assign(std::begin(kModuleGlobals), std::end(kModuleGlobals));
  for (size_t g = 0; g < p.globals.size() && g < vm.globals.size(); g++)
    if (!vm.globals[g].is_undef()) candidates.push_back(p.names[p.globals[g]]);
  if (auto s = closest(wanted, candidates)) return s;
  candidates.assign(std::begin(kCPythonBuiltins), std::end(kCPythonBuiltins));
  return closest(wanted, candidates);
}

}  // namespace monty
