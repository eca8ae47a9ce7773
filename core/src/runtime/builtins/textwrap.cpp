// The textwrap module's dedent and indent, as CPython 3.11's Lib/textwrap.py
// defines them: dedent removes the longest run of spaces and tabs that every
// line with content starts with, and empties lines of only spaces and tabs;
// indent prefixes the lines its predicate accepts (by default those with
// content), splitting as str.splitlines(True) does. wrap, fill, shorten and
// TextWrapper are not provided (docs/differences.md).
#include <string>
#include <string_view>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

Value tw_dedent(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args_like_python(vm, args, "dedent", {"text"}, 1, a);
  if (!vm.is_str(a[0]))
    vm.type_error("expected string or bytes-like object, got '" + vm.type_name(a[0]) + "'");
  std::string_view text = vm.str_view(a[0]);
  vm.native_work(static_cast<uint32_t>(std::min<size_t>(text.size(), UINT32_MAX)));
  // Lines split at '\n' only, as the module's ^ and $ (re.MULTILINE) see them.
  std::vector<std::string_view> lines;
  for (size_t start = 0;;) {
    size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string_view::npos ? text.npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  auto indent_of = [](std::string_view line) {
    size_t n = 0;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) n++;
    return n;
  };
  bool have_margin = false;
  std::string_view margin;
  for (std::string_view line : lines) {
    size_t n = indent_of(line);
    if (n == line.size()) continue;  // empty or whitespace only: no say in the margin
    std::string_view indent = line.substr(0, n);
    if (!have_margin) {
      margin = indent, have_margin = true;
    } else if (indent.substr(0, margin.size()) == margin) {
      // deeper than the margin
    } else if (margin.substr(0, indent.size()) == indent) {
      margin = indent;
    } else {
      size_t i = 0;
      while (i < margin.size() && i < indent.size() && margin[i] == indent[i]) i++;
      margin = margin.substr(0, i);
    }
  }
  std::string out;
  out.reserve(text.size());
  for (size_t k = 0; k < lines.size(); k++) {
    std::string_view line = lines[k];
    size_t n = indent_of(line);
    if (n == line.size()) {
      // Whitespace-only lines become empty.
    } else {
      out.append(line.substr(margin.size()));
    }
    if (k + 1 < lines.size()) out.push_back('\n');
  }
  return vm.new_str(std::move(out));
}

Value tw_indent(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "indent", {"text", "prefix", "predicate"}, 2, a);
  Value keepends = Value::boolean(true);
  Value lines = vm.call_method(a[0], "splitlines", {&keepends, 1});
  Value out = vm.new_str("");
  std::vector<Value> parts;
  for (Value line : vm.to_vector(lines)) {
    Value keep = a[2].is_undef() || a[2].is_none() ? vm.call_method(line, "strip")
                                                   : vm.call(a[2], {&line, 1});
    parts.push_back(vm.truthy(keep) ? vm.binary_op(BinOp::Add, a[1], line) : line);
  }
  Value list = vm.new_list(std::move(parts));
  return vm.call_method(out, "join", {&list, 1});
}

const BuiltinFnDef kTextwrapFunctionTable[] = {
    {"dedent", tw_dedent, "textwrap"},
    {"indent", tw_indent, "textwrap"},
};

}  // namespace

const std::span<const BuiltinFnDef> kTextwrapFunctions = kTextwrapFunctionTable;

}  // namespace monty
