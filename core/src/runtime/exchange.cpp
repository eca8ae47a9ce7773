// Values in and out of the VM (monty::Object), and uncaught exceptions as
// the public Exception with CPython's traceback text.

#include "runtime/suggestions.h"
#include "runtime/types/registry.h"
#include "runtime/types/text_ops.h"
#include "runtime/vm.h"
#include "support/numfmt.h"
#include "syntax/caret_anchors.h"

namespace monty {

Object VM::export_value(Value v) {
  DepthGuard guard(*this, " while converting a value");
  switch (v.tag) {
    case Tag::Undef:
    case Tag::None:
      return Object::none();
    case Tag::Bool:
      return Object::boolean(v.i != 0);
    case Tag::Int:
      return Object::integer(v.i);
    case Tag::Float:
      return Object::floating(v.f);
    case Tag::Type:
      if (v.id == static_cast<uint32_t>(BuiltinTypeId::Ellipsis)) return Object::ellipsis();
      return Object::repr_only(repr_str(v));
    case Tag::BuiltinFn:
      return Object::repr_only(repr_str(v));
    case Tag::Obj:
      break;
  }
  HeapObject* o = heap.get(v);
  auto items_of = [&](const std::vector<Value>& src) {
    std::vector<Object> out;
    out.reserve(src.size());
    for (size_t i = 0; i < src.size(); i++) out.push_back(export_value(src[i]));
    return out;
  };
  switch (o->kind) {
    case ObjKind::Str:
      return Object::str(static_cast<StrObj*>(o)->data);
    case ObjKind::Bytes:
      return Object::bytes(static_cast<BytesObj*>(o)->data);
    case ObjKind::ByteArray:
      return Object::bytes(static_cast<ByteArrayObj*>(o)->data);  // exported as bytes
    case ObjKind::BigInt:
      return Object::big_integer(static_cast<BigIntObj*>(o)->value.to_string(10));
    case ObjKind::List: {
      std::vector<Value> copy = static_cast<ListObj*>(o)->items;
      return Object::list(items_of(copy));
    }
    case ObjKind::Tuple: {
      std::vector<Value> copy = static_cast<TupleObj*>(o)->items;
      return Object::tuple(items_of(copy));
    }
    case ObjKind::Dict: {
      std::vector<std::pair<Object, Object>> out;
      std::vector<Dict::Entry> entries = static_cast<DictObj*>(o)->dict.entries();
      for (const auto& e : entries) {
        if (e.key.is_undef()) continue;
        out.emplace_back(export_value(e.key), export_value(e.value));
      }
      return Object::dict(std::move(out));
    }
    case ObjKind::Set: {
      bool frozen = static_cast<SetObj*>(o)->frozen;
      std::vector<Value> keys;
      for (const auto& e : static_cast<SetObj*>(o)->table.entries())
        if (!e.key.is_undef()) keys.push_back(e.key);
      return frozen ? Object::frozenset(items_of(keys)) : Object::set(items_of(keys));
    }
    default:
      return Object::repr_only(repr_str(v));
  }
}

Value VM::import_value(const Object& o) {
  DepthGuard guard(*this, " while converting a value");
  switch (o.kind()) {
    case Object::Kind::None:
      return Value::none();
    case Object::Kind::Bool:
      return Value::boolean(o.as_bool());
    case Object::Kind::Int:
      return Value::integer(o.as_int());
    case Object::Kind::BigInt: {
      auto r = BigInt::parse(o.text(), 10);
      if (!r) value_error("invalid integer text");
      return new_int(std::move(*r));
    }
    case Object::Kind::Float:
      return Value::floating(o.as_float());
    case Object::Kind::Str:
      return new_str(o.text());
    case Object::Kind::Bytes:
      return new_bytes(o.text());
    case Object::Kind::Ellipsis:
      return Value::type(static_cast<uint32_t>(BuiltinTypeId::Ellipsis));
    case Object::Kind::List:
    case Object::Kind::Tuple: {
      std::vector<Value> items;
      for (const Object& x : o.items()) items.push_back(import_value(x));
      return o.kind() == Object::Kind::List ? new_list(std::move(items))
                                            : new_tuple(std::move(items));
    }
    case Object::Kind::Dict: {
      Value d = new_dict();
      for (size_t i = 0; i + 1 < o.items().size(); i += 2) {
        Value k = import_value(o.items()[i]);
        Value v = import_value(o.items()[i + 1]);
        as<DictObj>(d)->dict.set(*this, k, v);
      }
      return d;
    }
    case Object::Kind::Set:
    case Object::Kind::FrozenSet: {
      Value s = new_set(o.kind() == Object::Kind::FrozenSet);
      for (const Object& x : o.items())
        as<SetObj>(s)->table.set(*this, import_value(x), Value::none());
      return s;
    }
    case Object::Kind::Repr:
      return new_str(o.text());
  }
  return Value::none();
}

namespace {

bool is_blank(char32_t c) { return c == ' ' || c == '\t' || c == '\f'; }

// Columns (display width) of the code points [from, to) of `cps`.
size_t width_of(const std::vector<char32_t>& cps, size_t from, size_t to) {
  size_t w = 0;
  for (size_t i = from; i < to && i < cps.size(); i++) w += text::display_width(cps[i]);
  return w;
}

// The line CPython 3.11 prints under a frame's source line: the source range
// of the instruction the frame was running (or the call it waited on),
// ^^^ under it, or ~~^^~~ when that range is a binary operation or a
// subscript. Nothing when the range is unknown or is the whole line.
// `line` is the source line as written (no newline).
std::string caret_line(std::string_view line, uint32_t lineno, const ColumnSpan& span) {
  if (span.col == ColumnSpan::kUnknownColumn || span.end_col == ColumnSpan::kUnknownColumn)
    return "";
  std::vector<char32_t> cps;
  for (size_t i = 0; i < line.size();) cps.push_back(text::next_cp(line, i));
  const size_t n = cps.size();
  size_t start = std::min<size_t>(span.col, n), end = std::min<size_t>(span.end_col, n);
  if (span.end_line != lineno) {
    // Several lines: underline to the last visible character of this one.
    end = n;
    while (end > 0 && is_blank(cps[end - 1])) end--;
  }
  if (end < start) return "";
  std::optional<syntax::CaretAnchors> anchors;
  if (span.end_line == lineno) {
    size_t b = 0, i = 0;
    for (; i < start; i++) text::next_cp(line, b);
    size_t e = b;
    for (; i < end; i++) text::next_cp(line, e);
    anchors = syntax::find_caret_anchors(line.substr(b, e - b));
  }
  size_t indent = 0;
  while (indent < n && is_blank(cps[indent])) indent++;
  if (end - start == n - indent && !anchors) return "";
  std::string out(4 + (start >= indent ? width_of(cps, indent, start) : 0), ' ');
  if (anchors) {
    size_t left = start + static_cast<size_t>(anchors->left_end);
    size_t right = start + static_cast<size_t>(anchors->right_start);
    out.append(width_of(cps, start, left), '~');
    out.append(width_of(cps, left, right), '^');
    out.append(width_of(cps, right, end), '~');
  } else {
    out.append(width_of(cps, start, end), '^');
  }
  out += '\n';
  return out;
}

// The source range to underline for a traceback entry. `+=` on a plain name
// is one instruction here (INPLACE_ADD_FAST/GLOBAL) where CPython has a load,
// an add and a store: located at the statement like the add, except for the
// error only the load can raise (an unbound name), which CPython locates at
// the target name, where the statement starts.
ColumnSpan entry_span(const Code& code, uint32_t instr, bool innermost, bool name_error,
                      std::string_view line) {
  ColumnSpan span = code.columns[instr];
  const Op op = instr_op(code.code[instr]);
  if (innermost && name_error && (op == Op::INPLACE_ADD_FAST || op == Op::INPLACE_ADD_GLOBAL) &&
      span.col != ColumnSpan::kUnknownColumn) {
    size_t b = 0;
    for (uint16_t i = 0; i < span.col && b < line.size(); i++) text::next_cp(line, b);
    uint16_t end = span.col;
    while (b < line.size()) {
      size_t next = b;
      char32_t c = text::next_cp(line, next);
      if (!(c == '_' || c >= 0x80 || (c >= '0' && c <= '9') ||
            ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
        break;
      b = next;
      end++;
    }
    span.end_col = end;
    span.end_line = code.lines[instr];
  }
  return span;
}

}  // namespace

// One exception's traceback block, as CPython prints it (`header` starts
// it when the exception has a traceback).
static void format_one(VM& vm, Value exc, std::string& out, std::vector<TracebackFrame>* frames_out,
                       const char* header = "Traceback (most recent call last):\n") {
  auto* e = vm.as<InstanceObj>(exc);
  const Program& p = vm.program();
  if (!e->traceback.empty()) {
    out += header;
    // Unwinding records the innermost frame first; CPython prints it last.
    // Like CPython, a frame repeated more than 3 times in a row (runaway
    // recursion) prints as "[Previous line repeated N more times]".
    constexpr int kRepeatCutoff = 3;
    int repeats = 0;
    const TracebackEntry* last = nullptr;
    auto flush_repeats = [&] {
      if (repeats > kRepeatCutoff) {
        int more = repeats - kRepeatCutoff;
        out += "  [Previous line repeated " + std::to_string(more) + " more time" +
               (more == 1 ? "" : "s") + "]\n";
      }
    };
    for (auto it = e->traceback.rbegin(); it != e->traceback.rend(); ++it) {
      const uint32_t code_index = it->code_index, line = it->line;
      // CPython compares the line and the function's name (not the code
      // object, nor the position): two lambdas calling each other on one
      // line repeat.
      if (last && last->line == it->line &&
          p.codes[last->code_index].name == p.codes[it->code_index].name) {
        repeats++;
      } else {
        flush_repeats();
        repeats = 1;
      }
      last = &*it;
      if (repeats > kRepeatCutoff) continue;
      TracebackFrame tf;
      tf.filename = p.script_name;
      tf.line = static_cast<int>(line);
      tf.function = p.codes[code_index].name;
      std::string carets;
      if (line >= 1 && line <= p.source_lines.size()) {
        // Like CPython: the line less its indentation; trailing blanks stay.
        std::string_view src = p.source_lines[line - 1];
        size_t b = src.find_first_not_of(" \t\f");
        tf.source_line = b == std::string_view::npos ? "" : std::string(src.substr(b));
        const Code& code = p.codes[code_index];
        if (!tf.source_line.empty() && it->instr < code.columns.size()) {
          const bool innermost = it + 1 == e->traceback.rend();
          const ColumnSpan span = entry_span(code, it->instr, innermost,
                                             vm.is_subclass(e->cls, BuiltinTypeId::NameError), src);
          carets = caret_line(src, line, span);
          if (span.col != ColumnSpan::kUnknownColumn &&
              span.end_col != ColumnSpan::kUnknownColumn) {
            tf.end_line = static_cast<int>(span.end_line);
            tf.col = span.col;
            tf.end_col = span.end_col;
          }
        }
      }
      out += "  File \"" + tf.filename + "\", line " + std::to_string(tf.line) + ", in " +
             tf.function + "\n";
      if (!tf.source_line.empty()) out += "    " + tf.source_line + "\n" + carets;
      if (frames_out) frames_out->push_back(std::move(tf));
    }
    flush_repeats();
  }
  std::string msg;
  try {
    msg = vm.to_str(exc);
  } catch (PyError&) {
    msg = "<exception str() failed>";
  }
  // CPython names the type by its __qualname__ here (Parser.Error).
  std::string name = vm.type_name(exc);
  Value cls = vm.type_of(exc);
  if (vm.is_kind(cls, ObjKind::Class)) {
    Value qualname = vm.as<ClassObj>(cls)->qualname;
    if (vm.is_str(qualname)) name = std::string(vm.str_view(qualname));
    // A module's class is named with its module (dataclasses.FrozenInstanceError).
    Dict::Entry* module = vm.as<ClassObj>(cls)->attrs.find_str(vm, vm.intern("__module__"));
    if (module && vm.is_str(module->value) && vm.str_view(module->value) != "__main__" &&
        vm.str_view(module->value) != "builtins")
      name = std::string(vm.str_view(module->value)) + "." + name;
  } else if (const char* module = builtin_type_module(static_cast<BuiltinTypeId>(cls.id))) {
    name = std::string(module) + "." + name;  // json.decoder.JSONDecodeError
  }
  out += msg.empty() ? name : name + ": " + msg;
  if (std::optional<std::string> suggestion = offer_suggestion(vm, exc))
    out += ". Did you mean: '" + *suggestion + "'?";
  out += "\n";
}

namespace {

// Where an exception group's members print (3.11's traceback module and
// pythonrun.c agree): each nesting level indents by two and draws a margin.
struct GroupPrint {
  int depth = 0;
  bool need_close = false;
  // Sub-exception blocks left to print: a group can hold itself many times
  // over (15 wide, 10 deep), whose full text would never end.
  int budget = 2000;
};

// `text` line by line, each after the margin of this depth ("| " or, for a
// top-level group's first line, "+ ").
void emit(std::string& out, const GroupPrint& ctx, std::string_view text, char margin = '|') {
  std::string prefix(static_cast<size_t>(2 * ctx.depth), ' ');
  if (ctx.depth) {
    prefix += margin;
    prefix += ' ';
  }
  for (size_t start = 0; start < text.size();) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    out += prefix;
    out.append(text.substr(start, end - start));
    start = end;
  }
}

constexpr int kMaxGroupDepth = 10;     // traceback's max_group_depth
constexpr size_t kMaxGroupWidth = 15;  // ... and max_group_width

void format_exception(VM& vm, Value exc, std::string& out, GroupPrint& ctx,
                      std::vector<TracebackFrame>* frames_out) {
  // Chained exceptions print oldest first.
  // (exception, how it is linked to the exception before it in the chain,
  // i.e. the one it is the cause or context of: 1 cause, 2 context).
  std::vector<std::pair<Value, int>> chain;
  Value cur = exc;
  int link = 0;
  while (!cur.is_undef() && chain.size() < 100) {
    bool seen = false;
    for (auto& [v, l] : chain)
      if (v.same(cur)) seen = true;
    if (seen) break;
    chain.emplace_back(cur, link);
    auto* e = vm.as<InstanceObj>(cur);
    if (!e->cause.is_undef()) {
      cur = e->cause;
      link = 1;
    } else if (!e->context.is_undef() && !e->suppress_context) {
      cur = e->context;
      link = 2;
    } else {
      break;
    }
  }
  for (size_t i = chain.size(); i-- > 0;) {
    Value e = chain[i].first;
    std::vector<TracebackFrame>* frames = i == 0 ? frames_out : nullptr;
    Value members = vm.is_instance(e, BuiltinTypeId::BaseExceptionGroup)
                        ? hidden_attr(vm, e, " excs")
                        : Value();
    if (!vm.is_tuple(members)) {
      std::string block;
      format_one(vm, e, block, frames);
      emit(out, ctx, block);
    } else if (ctx.depth > kMaxGroupDepth) {
      emit(out, ctx, "... (max_group_depth is " + std::to_string(kMaxGroupDepth) + ")\n");
    } else {
      const bool top = ctx.depth == 0;
      if (top) ctx.depth++;
      std::string block;
      format_one(vm, e, block, frames, "Exception Group Traceback (most recent call last):\n");
      if (!vm.as<InstanceObj>(e)->traceback.empty()) {
        const size_t first = block.find('\n') + 1;
        emit(out, ctx, std::string_view(block).substr(0, first), top ? '+' : '|');
        emit(out, ctx, std::string_view(block).substr(first));
      } else {
        emit(out, ctx, block);
      }
      const std::vector<Value> excs = vm.as<TupleObj>(members)->items;
      const size_t n = excs.size() <= kMaxGroupWidth ? excs.size() : kMaxGroupWidth + 1;
      ctx.need_close = false;
      for (size_t k = 0; k < n; k++) {
        const bool truncated = k >= kMaxGroupWidth || ctx.budget <= 0;
        const bool last = k + 1 == n || truncated;
        if (last) ctx.need_close = true;
        out += std::string(static_cast<size_t>(2 * ctx.depth), ' ') + (k == 0 ? "+-" : "  ") +
               "+---------------- " + (truncated ? std::string("...") : std::to_string(k + 1)) +
               " ----------------\n";
        ctx.depth++;
        if (!truncated) {
          ctx.budget--;
          format_exception(vm, excs[k], out, ctx, nullptr);
        } else {
          const size_t remaining = excs.size() - k;
          emit(out, ctx,
               "and " + std::to_string(remaining) + " more exception" + (remaining > 1 ? "s" : "") +
                   "\n");
        }
        if (last && ctx.need_close) {
          out += std::string(static_cast<size_t>(2 * ctx.depth), ' ') +
                 "+------------------------------------\n";
          ctx.need_close = false;
        }
        ctx.depth--;
        if (truncated) break;
      }
      if (top) ctx.depth = 0;
    }
    if (i > 0) {
      int l = chain[i].second;
      emit(out, ctx,
           l == 1 ? "\nThe above exception was the direct cause of the following exception:\n\n"
                  : "\nDuring handling of the above exception, another exception occurred:\n\n");
    }
  }
}

}  // namespace

Exception VM::describe_exception(Value exc) {
  Exception out;
  out.type = type_name(exc);
  try {
    out.message = to_str(exc);
  } catch (PyError&) {
    out.message = "<exception str() failed>";
  }
  GroupPrint ctx;
  format_exception(*this, exc, out.formatted, ctx, &out.traceback);
  return out;
}

}  // namespace monty
