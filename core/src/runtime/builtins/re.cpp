// The re module: compile, search, match, fullmatch, findall, finditer, sub,
// subn, split, escape, purge, the flags, re.error, re.Pattern and re.Match.
//
// The engine is runtime/regex/ (CPython's syntax and error messages, a
// backtracking matcher that charges its steps to the limits). Pattern and
// Match are classes made natively at import, like collections.deque: their
// state is hidden instance attributes (" pattern", " flags"; " string",
// " re", " regs", ...) holding ordinary Values, so snapshots carry them with
// no new object kind. The compiled program is derived state, kept in
// VM::regex_cache by flags and pattern and rebuilt after a load.
//
// Semantics and messages follow CPython 3.11's Lib/re/ and Modules/_sre/.
// Differences (docs/differences.md): finditer builds its matches up front,
// and a callable replacement for sub() runs as a callback (a host call
// there raises).
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/regex/regex.h"
#include "runtime/types/registry.h"
#include "runtime/types/text_ops.h"
#include "support/attributes.h"

namespace monty {

namespace {

using regex::Anchor;

constexpr int64_t kMaxSize = INT64_MAX;  // sys.maxsize for endpos defaults
// At most this many compiled patterns are kept (CPython's _MAXCACHE is 512).
constexpr size_t kMaxCache = 512;

Value re_class(VM& vm, std::string_view name) { return imported_module_attr(vm, "re", name); }

// ---- subjects ---------------------------------------------------------------------

// A str or bytes-like value as the engine sees it. ASCII str, bytes and
// bytearray are read in place; other str are decoded to code points.
struct SubjectText {
  Value value;
  bool bytes = false;
  std::u32string wide;
  regex::Subject subject;

  // Appends code points [b, e) (UTF-8 for a str, bytes for bytes).
  void append(std::string& out, size_t b, size_t e) const {
    if (subject.narrow) {
      out.append(reinterpret_cast<const char*>(subject.narrow) + b, e - b);
    } else {
      for (size_t i = b; i < e; i++) text::append_utf8(out, wide[i]);
    }
  }
  // Code points [b, e) as a new str or bytes.
  Value slice(VM& vm, size_t b, size_t e) const {
    std::string out;
    append(out, b, e);
    return bytes ? vm.new_bytes(std::move(out)) : vm.new_str(std::move(out));
  }
};

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) out.push_back(text::next_cp(s, i));
  return out;
}

// The code points of a str, or the bytes of a bytes-like value.
std::u32string text_of(VM& vm, Value v, bool bytes) {
  std::u32string out;
  if (bytes) {
    for (unsigned char c : *bytes_like_data(vm, v)) out.push_back(c);
  } else {
    out = decode(vm.as<StrObj>(v)->data);
  }
  return out;
}

// Reads `v` as a subject for a str (`want_bytes` false) or bytes pattern.
void read_subject(VM& vm, Value v, bool want_bytes, SubjectText* out) {
  out->value = v;
  if (vm.is_str(v)) {
    if (want_bytes) vm.type_error("cannot use a bytes pattern on a string-like object");
    const StrObj* s = vm.as<StrObj>(v);
    if (s->ascii) {
      out->subject.narrow = reinterpret_cast<const unsigned char*>(s->data.data());
      out->subject.length = s->data.size();
    } else {
      out->wide = decode(s->data);
      out->subject.wide = out->wide.data();
      out->subject.length = out->wide.size();
    }
    vm.native_work(static_cast<uint32_t>(std::min<size_t>(s->data.size() / 16, UINT32_MAX)));
    return;
  }
  if (const std::string* b = bytes_like_data(vm, v)) {
    if (!want_bytes) vm.type_error("cannot use a string pattern on a bytes-like object");
    out->bytes = true;
    out->subject.narrow = reinterpret_cast<const unsigned char*>(b->data());
    out->subject.length = b->size();
    return;
  }
  vm.type_error("expected string or bytes-like object, got '" + vm.type_name(v) + "'");
}

// ---- patterns ---------------------------------------------------------------------

struct PatternRef {
  Value self;  // the re.Pattern instance
  std::shared_ptr<const regex::CompiledPattern> compiled;
  bool bytes = false;
};

[[noreturn]] void raise_pattern_error(VM& vm, const regex::SyntaxError& err, Value pattern,
                                      const std::u32string& text) {
  using Kind = regex::SyntaxError::Kind;
  if (err.kind == Kind::Value) vm.value_error(err.message);
  if (err.kind == Kind::Overflow) vm.raise(BuiltinTypeId::OverflowError, err.message);
  if (err.kind == Kind::Recursion) vm.raise(BuiltinTypeId::RecursionError, err.message);
  if (err.kind == Kind::Index) vm.index_error(err.message);
  // re.error(msg, pattern, pos): "msg at position N", and the line and
  // column when the pattern has several lines.
  std::string message = err.message;
  Value pos = Value::none(), lineno = Value::none(), colno = Value::none();
  if (err.pos != regex::kNoPosition) {
    message += " at position " + std::to_string(err.pos);
    int64_t line = 1, col = 1;
    for (size_t i = 0; i < err.pos && i < text.size(); i++) {
      if (text[i] == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    if (std::find(text.begin(), text.end(), U'\n') != text.end())
      message += " (line " + std::to_string(line) + ", column " + std::to_string(col) + ")";
    pos = Value::integer(static_cast<int64_t>(err.pos));
    lineno = Value::integer(line);
    colno = Value::integer(col);
  }
  Value exc = vm.new_exception(BuiltinTypeId::ReError, message);
  Dict& attrs = vm.instance_attrs(vm.as<InstanceObj>(exc));
  attrs.set(vm, vm.intern("msg"), vm.new_str(err.message));
  attrs.set(vm, vm.intern("pattern"), pattern);
  attrs.set(vm, vm.intern("pos"), pos);
  attrs.set(vm, vm.intern("lineno"), lineno);
  attrs.set(vm, vm.intern("colno"), colno);
  vm.raise(exc);
}

// The compiled form of (pattern, flags), from the cache or compiled now.
std::shared_ptr<const regex::CompiledPattern> compiled_for(VM& vm, Value pattern, bool bytes,
                                                           int64_t flags) {
  const std::string& raw = bytes ? *bytes_like_data(vm, pattern) : vm.as<StrObj>(pattern)->data;
  std::string key = std::to_string(flags) + (bytes ? "b" : "s") + raw;
  auto it = vm.regex_cache.find(key);
  if (it != vm.regex_cache.end()) return it->second;
  std::u32string text = text_of(vm, pattern, bytes);
  vm.native_work(static_cast<uint32_t>(std::min<size_t>(text.size() * 8, UINT32_MAX)));
  auto compiled = std::make_shared<regex::CompiledPattern>();
  regex::SyntaxError err;
  if (!regex::compile(text, static_cast<uint32_t>(flags), bytes, compiled.get(), &err))
    raise_pattern_error(vm, err, pattern, text);
  if (vm.regex_cache.size() >= kMaxCache) vm.regex_cache.clear();
  vm.regex_cache.emplace(std::move(key), compiled);
  // Also under the final flags (with the inline ones and UNICODE), which a
  // Pattern keeps and its methods look up.
  if (compiled->flags != flags)
    vm.regex_cache.emplace(std::to_string(compiled->flags) + (bytes ? "b" : "s") + raw, compiled);
  return compiled;
}

// A re.Pattern instance whose hidden state is what make_pattern stores (a
// program could setattr(p, ' flags', ...), a snapshot could hold anything).
bool is_pattern(VM& vm, Value v) {
  if (!vm.is_kind(v, ObjKind::Instance) ||
      !vm.as<InstanceObj>(v)->cls.same(re_class(vm, "Pattern")))
    return false;
  Value pattern = hidden_attr(vm, v, " pattern"), flags = hidden_attr(vm, v, " flags");
  return (vm.is_str(pattern) || vm.is_kind(pattern, ObjKind::Bytes)) && flags.is_int();
}

// The pattern behind a re.Pattern instance (TypeError for anything else:
// a method called unbound on another object).
PatternRef pattern_of(VM& vm, Value self, const char* method) {
  if (!is_pattern(vm, self))
    vm.type_error(std::string("descriptor '") + method +
                  "' for 're.Pattern' objects doesn't apply to a '" + vm.type_name(self) +
                  "' object");
  Value pattern = hidden_attr(vm, self, " pattern");
  bool bytes = !vm.is_str(pattern);
  return {self, compiled_for(vm, pattern, bytes, hidden_attr(vm, self, " flags").i), bytes};
}

// A Pattern method's arguments: self is the first positional one.
CallArgs method_args(VM& vm, const CallArgs& args, const char* method, Value* self) {
  if (args.size() == 0)
    vm.type_error(std::string("descriptor '") + method +
                  "' of 're.Pattern' object needs an argument");
  *self = args[0];
  CallArgs rest = args;
  rest.pos = args.pos.subspan(1);
  return rest;
}

int64_t flags_arg(VM& vm, Value v) {
  if (v.is_undef()) return 0;
  return vm.to_index(v);
}

// re.compile(pattern, flags): a Pattern instance for a str/bytes pattern,
// the pattern itself for a Pattern.
Value make_pattern(VM& vm, Value pattern, Value flags_v) {
  if (is_pattern(vm, pattern)) {
    if (!flags_v.is_undef() && flags_arg(vm, flags_v) != 0)
      vm.value_error("cannot process flags argument with a compiled pattern");
    return pattern;
  }
  int64_t flags = flags_arg(vm, flags_v);
  bool bytes = false;
  if (vm.is_str(pattern)) {
    bytes = false;
  } else if (vm.is_kind(pattern, ObjKind::Bytes)) {
    bytes = true;
  } else {
    vm.type_error("first argument must be string or compiled pattern");
  }
  auto compiled = compiled_for(vm, pattern, bytes, flags);
  Value p = vm.heap.make<InstanceObj>(re_class(vm, "Pattern"));
  set_hidden_attr(vm, p, " pattern", pattern);
  set_hidden_attr(vm, p, " flags", Value::integer(compiled->flags));
  return p;
}

// ---- matching ---------------------------------------------------------------------

size_t stack_budget(VM& vm) {
  const auto& limits = vm.limits();
  return limits.max_memory ? static_cast<size_t>(std::min<uint64_t>(*limits.max_memory, SIZE_MAX))
                           : size_t{256} << 20;
}

// One search/match over a subject, reusable for successive matches.
class Search {
 public:
  Search(VM& vm, const PatternRef& p, const SubjectText& s, size_t endpos)
      : vm_(vm),
        p_(p),
        s_(s),
        matcher_(*p.compiled->program, s.subject, endpos, vm.work_meter(), stack_budget(vm)) {}

  bool run(size_t pos, Anchor anchor, bool must_advance = false) {
    try {
      return matcher_.run(pos, anchor, must_advance);
    } catch (const regex::StackExhausted&) {
      vm_.memory_error("regular expression backtracking exceeded the memory available");
    }
  }
  std::pair<int64_t, int64_t> span(uint32_t g) const { return matcher_.span(g); }

  // Group g of the last match: its text, or `missing` when it did not take part.
  Value group(uint32_t g, Value missing) const {
    auto [b, e] = matcher_.span(g);
    if (b < 0) return missing;
    return s_.slice(vm_, static_cast<size_t>(b), static_cast<size_t>(e));
  }

  Value make_match(size_t pos, size_t endpos) const {
    Value m = vm_.heap.make<InstanceObj>(re_class(vm_, "Match"));
    std::vector<Value> regs;
    for (uint32_t g = 0; g <= p_.compiled->groups; g++) {
      auto [b, e] = matcher_.span(g);
      regs.push_back(vm_.new_tuple({Value::integer(b), Value::integer(e)}));
    }
    set_hidden_attr(vm_, m, " string", s_.value);
    set_hidden_attr(vm_, m, " re", p_.self);
    set_hidden_attr(vm_, m, " pos", Value::integer(static_cast<int64_t>(pos)));
    set_hidden_attr(vm_, m, " endpos", Value::integer(static_cast<int64_t>(endpos)));
    set_hidden_attr(vm_, m, " regs", vm_.new_tuple(std::move(regs)));
    uint32_t li = matcher_.lastindex();
    set_hidden_attr(vm_, m, " lastindex", li ? Value::integer(li) : Value::none());
    return m;
  }

 private:
  VM& vm_;
  const PatternRef& p_;
  const SubjectText& s_;
  regex::Matcher matcher_;
};

// pos/endpos as _sre's state_init clamps them.
void clamp_range(VM& vm, Value pos_v, Value endpos_v, size_t length, size_t* pos, size_t* endpos) {
  int64_t pos_i = pos_v.is_undef() ? 0 : vm.to_index(pos_v);
  int64_t end_i = endpos_v.is_undef() ? kMaxSize : vm.to_index(endpos_v);
  auto clamp = [&](int64_t v) {
    return v < 0 ? size_t{0} : std::min(static_cast<size_t>(v), length);
  };
  *pos = clamp(pos_i);
  *endpos = clamp(end_i);
}

// Pattern.match/fullmatch/search(string, pos=0, endpos=sys.maxsize).
Value match_method(VM& vm, CallArgs& args, Anchor anchor, const char* name) {
  Value a[3], self;
  CallArgs rest = method_args(vm, args, name, &self);
  bind_args(vm, rest, name, {"string", "pos", "endpos"}, 1, 0, a);
  PatternRef p = pattern_of(vm, self, name);
  SubjectText s;
  read_subject(vm, a[0], p.bytes, &s);
  size_t pos = 0, endpos = 0;
  clamp_range(vm, a[1], a[2], s.subject.length, &pos, &endpos);
  if (pos > endpos) return Value::none();
  Search search(vm, p, s, endpos);
  if (!search.run(pos, anchor)) return Value::none();
  return search.make_match(pos, endpos);
}

Value pat_match(VM& vm, CallArgs& args) { return match_method(vm, args, Anchor::Match, "match"); }
Value pat_fullmatch(VM& vm, CallArgs& args) {
  return match_method(vm, args, Anchor::FullMatch, "fullmatch");
}
Value pat_search(VM& vm, CallArgs& args) {
  return match_method(vm, args, Anchor::Search, "search");
}

// Calls `fn` for each successive match in [pos, endpos], as _sre's
// findall/finditer/sub/split step: after an empty match the next may not be
// empty at the same place.
template <typename F>
void each_match(VM& vm, Search& search, size_t pos, size_t endpos, int64_t count, F&& fn) {
  bool must_advance = false;
  int64_t n = 0;
  while (pos <= endpos && (count <= 0 || n < count)) {
    if (!search.run(pos, Anchor::Search, must_advance)) break;
    auto [b, e] = search.span(0);
    fn(static_cast<size_t>(b), static_cast<size_t>(e));
    n++;
    must_advance = e == b;
    pos = static_cast<size_t>(e);
    vm.native_tick();
  }
}

Value findall_impl(VM& vm, const PatternRef& p, Value string, Value pos_v, Value endpos_v) {
  SubjectText s;
  read_subject(vm, string, p.bytes, &s);
  size_t pos = 0, endpos = 0;
  clamp_range(vm, pos_v, endpos_v, s.subject.length, &pos, &endpos);
  std::vector<Value> out;
  if (pos > endpos) return vm.new_list();
  Search search(vm, p, s, endpos);
  Value empty = s.slice(vm, 0, 0);
  uint32_t groups = p.compiled->groups;
  each_match(vm, search, pos, endpos, 0, [&](size_t b, size_t e) {
    if (groups == 0) {
      out.push_back(s.slice(vm, b, e));
    } else if (groups == 1) {
      out.push_back(search.group(1, empty));
    } else {
      std::vector<Value> items;
      for (uint32_t g = 1; g <= groups; g++) items.push_back(search.group(g, empty));
      out.push_back(vm.new_tuple(std::move(items)));
    }
  });
  return vm.new_list(std::move(out));
}

Value pat_findall(VM& vm, CallArgs& args) {
  Value a[3], self;
  CallArgs rest = method_args(vm, args, "findall", &self);
  bind_args(vm, rest, "findall", {"string", "pos", "endpos"}, 1, 0, a);
  return findall_impl(vm, pattern_of(vm, self, "findall"), a[0], a[1], a[2]);
}

Value finditer_impl(VM& vm, const PatternRef& p, Value string, Value pos_v, Value endpos_v) {
  SubjectText s;
  read_subject(vm, string, p.bytes, &s);
  size_t pos = 0, endpos = 0;
  clamp_range(vm, pos_v, endpos_v, s.subject.length, &pos, &endpos);
  std::vector<Value> out;
  if (pos <= endpos) {
    Search search(vm, p, s, endpos);
    each_match(vm, search, pos, endpos, 0,
               [&](size_t, size_t) { out.push_back(search.make_match(pos, endpos)); });
  }
  Value list = vm.new_list(std::move(out));
  return builtin_iter(vm, list);
}

Value pat_finditer(VM& vm, CallArgs& args) {
  Value a[3], self;
  CallArgs rest = method_args(vm, args, "finditer", &self);
  bind_args(vm, rest, "finditer", {"string", "pos", "endpos"}, 1, 0, a);
  return finditer_impl(vm, pattern_of(vm, self, "finditer"), a[0], a[1], a[2]);
}

Value split_impl(VM& vm, const PatternRef& p, Value string, Value maxsplit_v) {
  SubjectText s;
  read_subject(vm, string, p.bytes, &s);
  int64_t maxsplit = maxsplit_v.is_undef() ? 0 : vm.to_index(maxsplit_v);
  std::vector<Value> out;
  if (maxsplit < 0) {
    out.push_back(s.slice(vm, 0, s.subject.length));
    return vm.new_list(std::move(out));
  }
  Search search(vm, p, s, s.subject.length);
  size_t last = 0;
  uint32_t groups = p.compiled->groups;
  each_match(vm, search, 0, s.subject.length, maxsplit, [&](size_t b, size_t e) {
    out.push_back(s.slice(vm, last, b));
    for (uint32_t g = 1; g <= groups; g++) out.push_back(search.group(g, Value::none()));
    last = e;
  });
  out.push_back(s.slice(vm, last, s.subject.length));
  return vm.new_list(std::move(out));
}

Value pat_split(VM& vm, CallArgs& args) {
  Value a[2], self;
  CallArgs rest = method_args(vm, args, "split", &self);
  bind_args(vm, rest, "split", {"string", "maxsplit"}, 1, 0, a);
  return split_impl(vm, pattern_of(vm, self, "split"), a[0], a[1]);
}

// ---- replacement templates ----------------------------------------------------------

// Appends code points to a str (UTF-8) or bytes result.
void append_text(std::string& out, const std::u32string& t, bool bytes) {
  for (char32_t c : t) {
    if (bytes) {
      out.push_back(static_cast<char>(c));
    } else {
      text::append_utf8(out, c);
    }
  }
}

// The parsed replacement `repl` (str or bytes, as the pattern) or re.error.
regex::Template template_of(VM& vm, const PatternRef& p, Value repl) {
  std::u32string text = text_of(vm, repl, p.bytes);
  regex::Template t;
  regex::SyntaxError err;
  if (!regex::parse_template(text, *p.compiled, p.bytes, &t, &err))
    raise_pattern_error(vm, err, repl, text);
  return t;
}

void expand_into(std::string& out, const regex::Template& t, const Search& search,
                 const SubjectText& s, bool bytes) {
  for (size_t k = 0; k < t.groups.size(); k++) {
    append_text(out, t.literals[k], bytes);
    auto [b, e] = search.span(t.groups[k]);
    if (b >= 0) s.append(out, static_cast<size_t>(b), static_cast<size_t>(e));
  }
  append_text(out, t.literals.back(), bytes);
}

Value make_text(VM& vm, std::string s, bool bytes) {
  return bytes ? vm.new_bytes(std::move(s)) : vm.new_str(std::move(s));
}

// sub/subn: the result and the number of replacements.
std::pair<Value, int64_t> sub_impl(VM& vm, const PatternRef& p, Value repl, Value string,
                                   Value count_v) {
  SubjectText s;
  read_subject(vm, string, p.bytes, &s);
  int64_t count = count_v.is_undef() ? 0 : vm.to_index(count_v);
  bool callable = false;
  regex::Template tmpl;
  if (vm.is_str(repl) || bytes_like_data(vm, repl)) {
    if (vm.is_str(repl) == p.bytes) {
      vm.type_error(p.bytes ? "expected a bytes-like object, str found"
                            : "expected str instance, " + vm.type_name(repl) + " found");
    }
    tmpl = template_of(vm, p, repl);
  } else if (is_callable(vm, repl)) {
    callable = true;
  } else {
    vm.type_error(p.bytes ? "expected a bytes-like object, " + vm.type_name(repl) + " found"
                          : "expected str instance, " + vm.type_name(repl) + " found");
  }
  std::string out;
  int64_t n = 0;
  size_t last = 0;
  if (count < 0) return {string, 0};
  Search search(vm, p, s, s.subject.length);
  // The index CPython's join names in "sequence item N": its list holds the
  // text before each match (when not empty) and each replacement.
  size_t pieces = 0;
  each_match(vm, search, 0, s.subject.length, count, [&](size_t b, size_t e) {
    s.append(out, last, b);
    pieces += last < b;
    if (callable) {
      Value m = search.make_match(0, s.subject.length);
      Value r = vm.call(repl, std::span<const Value>(&m, 1));
      if (!r.is_none()) {
        if (p.bytes ? !bytes_like_data(vm, r) : !vm.is_str(r))
          vm.type_error("sequence item " + std::to_string(pieces) + ": " +
                        (p.bytes ? "expected a bytes-like object, " : "expected str instance, ") +
                        vm.type_name(r) + " found");
        pieces++;
        out += p.bytes ? *bytes_like_data(vm, r) : vm.as<StrObj>(r)->data;
      }
    } else {
      expand_into(out, tmpl, search, s, p.bytes);
    }
    last = e;
    n++;
    vm.native_work(static_cast<uint32_t>(std::min<size_t>(out.size() >> 10, 1u << 20)));
  });
  if (n == 0 && (vm.is_str(string) || vm.is_kind(string, ObjKind::Bytes))) return {string, 0};
  s.append(out, last, s.subject.length);
  return {make_text(vm, std::move(out), p.bytes), n};
}

Value pat_sub(VM& vm, CallArgs& args) {
  Value a[3], self;
  CallArgs rest = method_args(vm, args, "sub", &self);
  bind_args(vm, rest, "sub", {"repl", "string", "count"}, 2, 0, a);
  return sub_impl(vm, pattern_of(vm, self, "sub"), a[0], a[1], a[2]).first;
}

Value pat_subn(VM& vm, CallArgs& args) {
  Value a[3], self;
  CallArgs rest = method_args(vm, args, "subn", &self);
  bind_args(vm, rest, "subn", {"repl", "string", "count"}, 2, 0, a);
  auto [r, n] = sub_impl(vm, pattern_of(vm, self, "subn"), a[0], a[1], a[2]);
  return vm.new_tuple({r, Value::integer(n)});
}

// ---- Pattern's attributes and protocols -----------------------------------------------

Value pattern_self(VM& vm, CallArgs& args, const char* name) {
  if (args.size() != 1) vm.type_error(std::string(name) + "() takes no arguments");
  if (!is_pattern(vm, args[0]))
    vm.type_error(std::string("descriptor '") + name +
                  "' for 're.Pattern' objects doesn't apply to a '" + vm.type_name(args[0]) +
                  "' object");
  return args[0];
}

Value pat_pattern(VM& vm, CallArgs& args) {
  return hidden_attr(vm, pattern_self(vm, args, "pattern"), " pattern");
}
Value pat_flags(VM& vm, CallArgs& args) {
  return hidden_attr(vm, pattern_self(vm, args, "flags"), " flags");
}
Value pat_groups(VM& vm, CallArgs& args) {
  PatternRef p = pattern_of(vm, pattern_self(vm, args, "groups"), "groups");
  return Value::integer(p.compiled->groups);
}
Value pat_groupindex(VM& vm, CallArgs& args) {
  PatternRef p = pattern_of(vm, pattern_self(vm, args, "groupindex"), "groupindex");
  Value d = vm.new_dict();
  for (auto& [name, g] : p.compiled->group_names)
    vm.as<DictObj>(d)->dict.set(vm, vm.new_str(name), Value::integer(g));
  return d;
}
// re.Pattern[str], re.Match[bytes] (annotations): the class itself, as
// list[int] is list here.
Value class_getitem(VM& vm, CallArgs& args) {
  if (args.size() != 2) vm.type_error("__class_getitem__() takes exactly one argument");
  return args[0];
}

Value read_only(VM& vm, CallArgs&) {
  vm.raise(BuiltinTypeId::AttributeError, "readonly attribute");
}

// repr of a str/bytes truncated to `max` code points, as %.<max>R does.
std::string truncated_repr(VM& vm, Value v, size_t max) {
  std::string r = vm.repr_str(v);
  size_t i = 0, n = 0;
  while (i < r.size() && n < max) {
    text::next_cp(r, i);
    n++;
  }
  return r.substr(0, i);
}

Value pat_repr(VM& vm, CallArgs& args) {
  Value self = pattern_self(vm, args, "__repr__");
  Value pattern = hidden_attr(vm, self, " pattern");
  int64_t flags = hidden_attr(vm, self, " flags").i;
  if (vm.is_str(pattern) &&
      (flags & (regex::kLocale | regex::kUnicode | regex::kAscii)) == regex::kUnicode)
    flags &= ~int64_t{regex::kUnicode};
  static constexpr std::pair<int64_t, const char*> kNames[] = {
      {regex::kTemplate, "re.TEMPLATE"}, {regex::kIgnoreCase, "re.IGNORECASE"},
      {regex::kLocale, "re.LOCALE"},     {regex::kMultiline, "re.MULTILINE"},
      {regex::kDotAll, "re.DOTALL"},     {regex::kUnicode, "re.UNICODE"},
      {regex::kVerbose, "re.VERBOSE"},   {regex::kDebug, "re.DEBUG"},
      {regex::kAscii, "re.ASCII"}};
  std::string names;
  for (auto [bit, name] : kNames) {
    if (flags & bit) {
      if (!names.empty()) names += "|";
      names += name;
      flags &= ~bit;
    }
  }
  if (flags) {
    char buf[32];
    snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(flags));
    if (!names.empty()) names += "|";
    names += buf;
  }
  std::string out = "re.compile(" + truncated_repr(vm, pattern, 200);
  if (!names.empty()) out += ", " + names;
  return vm.new_str(out + ")");
}

Value pat_eq(VM& vm, CallArgs& args) {
  if (args.size() != 2) vm.type_error("expected 1 argument");
  Value a = args[0], b = args[1];
  if (!is_pattern(vm, a) || !is_pattern(vm, b))
    return Value::type(static_cast<uint32_t>(BuiltinTypeId::NotImplementedType));
  if (a.same(b)) return Value::boolean(true);
  Value pa = hidden_attr(vm, a, " pattern"), pb = hidden_attr(vm, b, " pattern");
  return Value::boolean(hidden_attr(vm, a, " flags").i == hidden_attr(vm, b, " flags").i &&
                        vm.is_str(pa) == vm.is_str(pb) && vm.eq(pa, pb));
}

Value pat_hash(VM& vm, CallArgs& args) {
  Value self = pattern_self(vm, args, "__hash__");
  return Value::integer(vm.hash(hidden_attr(vm, self, " pattern")) ^
                        hidden_attr(vm, self, " flags").i);
}

Value pat_copy(VM& vm, CallArgs& args) { return pattern_self(vm, args, "__copy__"); }
Value pat_deepcopy(VM& vm, CallArgs& args) {
  if (args.size() != 2) vm.type_error("__deepcopy__() takes exactly one argument");
  if (!is_pattern(vm, args[0]))
    vm.type_error("descriptor '__deepcopy__' for 're.Pattern' objects doesn't apply to a '" +
                  vm.type_name(args[0]) + "' object");
  return args[0];  // immutable, as in CPython
}

// ---- Match --------------------------------------------------------------------------

struct MatchState {
  Value self, string, re, regs;
  std::span<const Value> spans;
};

MatchState match_of(VM& vm, Value self, const char* method) {
  Value regs = hidden_attr(vm, self, " regs");
  Value string = hidden_attr(vm, self, " string");
  Value re = hidden_attr(vm, self, " re");
  bool ok = vm.is_kind(self, ObjKind::Instance) &&
            vm.as<InstanceObj>(self)->cls.same(re_class(vm, "Match")) && !regs.is_undef() &&
            vm.is_kind(regs, ObjKind::Tuple) && !string.is_undef() && is_pattern(vm, re);
  // The spans must lie in the string: (-1, -1) or 0 <= start <= end <= len.
  int64_t length = -1;
  if (ok && vm.is_str(string)) {
    length = vm.as<StrObj>(string)->length;
  } else if (ok && bytes_like_data(vm, string)) {
    length = static_cast<int64_t>(bytes_like_data(vm, string)->size());
  }
  ok = ok && length >= 0;
  if (ok) {
    for (Value r : vm.as<TupleObj>(regs)->items) {
      ok = ok && vm.is_kind(r, ObjKind::Tuple) && vm.as<TupleObj>(r)->items.size() == 2;
      if (!ok) break;
      Value b = vm.as<TupleObj>(r)->items[0], e = vm.as<TupleObj>(r)->items[1];
      ok = b.is_int() && e.is_int() &&
           ((b.i == -1 && e.i == -1) || (0 <= b.i && b.i <= e.i && e.i <= length));
    }
    // A str pattern matched a str (what expand() and the group texts assume).
    ok = ok && vm.is_str(string) == vm.is_str(hidden_attr(vm, re, " pattern"));
  }
  if (!ok)
    vm.type_error(std::string("descriptor '") + method +
                  "' for 're.Match' objects doesn't apply to a '" + vm.type_name(self) +
                  "' object");
  return {self, string, re, regs, vm.as<TupleObj>(regs)->items};
}

// Group g's span; IndexError if the match has no such group (group numbers
// come from the pattern, the spans from the Match's state).
std::pair<int64_t, int64_t> span_of(VM& vm, const MatchState& m, size_t g) {
  if (g >= m.spans.size()) vm.index_error("no such group");
  // Checked by match_of: a tuple of two ints.
  const auto& items = vm.as<TupleObj>(m.spans[g])->items;
  return {items[0].i, items[1].i};
}

// Code points [b, e) of the matched string (str or bytes-like).
Value slice_subject(VM& vm, Value string, int64_t b, int64_t e) {
  if (vm.is_str(string)) {
    const StrObj* s = vm.as<StrObj>(string);
    if (s->ascii)
      return vm.new_str(s->data.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
    size_t i = 0;
    int64_t n = 0;
    while (n < b && i < s->data.size()) {
      text::next_cp(s->data, i);
      n++;
    }
    size_t start = i;
    while (n < e && i < s->data.size()) {
      text::next_cp(s->data, i);
      n++;
    }
    vm.native_work(static_cast<uint32_t>(std::min<size_t>(i / 16, UINT32_MAX)));
    return vm.new_str(s->data.substr(start, i - start));
  }
  const std::string* d = bytes_like_data(vm, string);
  return vm.new_bytes(d->substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
}

// A group argument: an index or a group name; IndexError "no such group".
size_t group_index(VM& vm, const MatchState& m, Value g) {
  size_t ngroups = m.spans.size();
  if (g.is_int() || g.is_bool()) {
    if (g.i >= 0 && static_cast<size_t>(g.i) < ngroups) return static_cast<size_t>(g.i);
  } else if (vm.is_str(g)) {
    PatternRef p = pattern_of(vm, m.re, "group");
    for (auto& [name, gid] : p.compiled->group_names)
      if (name == vm.str_view(g)) return gid;
  } else {
    Value idx = call_dunder(vm, g, "__index__");
    if (!idx.is_undef() && idx.is_int() && idx.i >= 0 && static_cast<size_t>(idx.i) < ngroups)
      return static_cast<size_t>(idx.i);
  }
  vm.index_error("no such group");
}

Value group_value(VM& vm, const MatchState& m, size_t g, Value missing) {
  auto [b, e] = span_of(vm, m, g);
  if (b < 0) return missing;
  return slice_subject(vm, m.string, b, e);
}

Value m_group(VM& vm, CallArgs& args) {
  if (args.has_kwargs()) vm.type_error("group() takes no keyword arguments");
  MatchState m = match_of(vm, args.size() ? args[0] : Value::none(), "group");
  if (args.size() <= 1) return group_value(vm, m, 0, Value::none());
  if (args.size() == 2) return group_value(vm, m, group_index(vm, m, args[1]), Value::none());
  std::vector<Value> out;
  for (size_t i = 1; i < args.size(); i++)
    out.push_back(group_value(vm, m, group_index(vm, m, args[i]), Value::none()));
  return vm.new_tuple(std::move(out));
}

Value m_getitem(VM& vm, CallArgs& args) {
  if (args.size() != 2) vm.type_error("expected 1 argument");
  MatchState m = match_of(vm, args[0], "__getitem__");
  return group_value(vm, m, group_index(vm, m, args[1]), Value::none());
}

Value m_groups(VM& vm, CallArgs& args) {
  Value a[1];
  CallArgs rest = args;
  if (args.size() == 0) vm.type_error("descriptor 'groups' of 're.Match' object needs an argument");
  rest.pos = args.pos.subspan(1);
  bind_args(vm, rest, "groups", {"default"}, 0, 0, a);
  MatchState m = match_of(vm, args[0], "groups");
  Value dflt = a[0].is_undef() ? Value::none() : a[0];
  std::vector<Value> out;
  for (size_t g = 1; g < m.spans.size(); g++) out.push_back(group_value(vm, m, g, dflt));
  return vm.new_tuple(std::move(out));
}

Value m_groupdict(VM& vm, CallArgs& args) {
  Value a[1];
  CallArgs rest = args;
  if (args.size() == 0)
    vm.type_error("descriptor 'groupdict' of 're.Match' object needs an argument");
  rest.pos = args.pos.subspan(1);
  bind_args(vm, rest, "groupdict", {"default"}, 0, 0, a);
  MatchState m = match_of(vm, args[0], "groupdict");
  Value dflt = a[0].is_undef() ? Value::none() : a[0];
  PatternRef p = pattern_of(vm, m.re, "groupdict");
  Value d = vm.new_dict();
  for (auto& [name, g] : p.compiled->group_names)
    vm.as<DictObj>(d)->dict.set(vm, vm.new_str(name), group_value(vm, m, g, dflt));
  return d;
}

template <int Which>  // 0 start, 1 end, 2 span
Value m_position(VM& vm, CallArgs& args) {
  static constexpr const char* kNames[] = {"start", "end", "span"};
  if (args.has_kwargs())
    vm.type_error(std::string(kNames[Which]) + "() takes no keyword arguments");
  if (args.size() > 2)
    vm.type_error(std::string(kNames[Which]) + " expected at most 1 argument, got " +
                  std::to_string(args.size() - 1));
  MatchState m = match_of(vm, args.size() ? args[0] : Value::none(), kNames[Which]);
  size_t g = args.size() == 2 ? group_index(vm, m, args[1]) : 0;
  auto [b, e] = span_of(vm, m, g);
  if (Which == 0) return Value::integer(b);
  if (Which == 1) return Value::integer(e);
  return vm.new_tuple({Value::integer(b), Value::integer(e)});
}

Value m_expand(VM& vm, CallArgs& args) {
  if (args.size() != 2 || args.has_kwargs()) vm.type_error("expand() takes exactly one argument");
  MatchState m = match_of(vm, args[0], "expand");
  PatternRef p = pattern_of(vm, m.re, "expand");
  Value t = args[1];
  if (p.bytes ? !bytes_like_data(vm, t) : !vm.is_str(t))
    vm.type_error(p.bytes ? "expected a bytes-like object, " + vm.type_name(t) + " found"
                          : "expected str instance, " + vm.type_name(t) + " found");
  regex::Template tmpl = template_of(vm, p, t);
  std::string out;
  for (size_t k = 0; k < tmpl.groups.size(); k++) {
    append_text(out, tmpl.literals[k], p.bytes);
    auto [b, e] = span_of(vm, m, tmpl.groups[k]);
    if (b >= 0) {
      Value piece = slice_subject(vm, m.string, b, e);
      out += p.bytes ? *bytes_like_data(vm, piece) : vm.as<StrObj>(piece)->data;
    }
  }
  append_text(out, tmpl.literals.back(), p.bytes);
  return make_text(vm, std::move(out), p.bytes);
}

Value match_self(VM& vm, CallArgs& args, const char* name) {
  if (args.size() != 1) vm.type_error(std::string(name) + "() takes no arguments");
  return match_of(vm, args[0], name).self;
}

Value m_string(VM& vm, CallArgs& args) {
  return hidden_attr(vm, match_self(vm, args, "string"), " string");
}
Value m_re(VM& vm, CallArgs& args) { return hidden_attr(vm, match_self(vm, args, "re"), " re"); }
Value m_pos(VM& vm, CallArgs& args) { return hidden_attr(vm, match_self(vm, args, "pos"), " pos"); }
Value m_endpos(VM& vm, CallArgs& args) {
  return hidden_attr(vm, match_self(vm, args, "endpos"), " endpos");
}
Value m_regs(VM& vm, CallArgs& args) {
  return hidden_attr(vm, match_self(vm, args, "regs"), " regs");
}
Value m_lastindex(VM& vm, CallArgs& args) {
  Value v = hidden_attr(vm, match_self(vm, args, "lastindex"), " lastindex");
  return v.is_undef() ? Value::none() : v;
}
Value m_lastgroup(VM& vm, CallArgs& args) {
  MatchState m = match_of(vm, args.size() ? args[0] : Value::none(), "lastgroup");
  Value li = hidden_attr(vm, m.self, " lastindex");
  if (!li.is_int()) return Value::none();
  PatternRef p = pattern_of(vm, m.re, "lastgroup");
  for (auto& [name, g] : p.compiled->group_names)
    if (static_cast<int64_t>(g) == li.i) return vm.new_str(name);
  return Value::none();
}

Value m_repr(VM& vm, CallArgs& args) {
  MatchState m = match_of(vm, args.size() ? args[0] : Value::none(), "__repr__");
  auto [b, e] = span_of(vm, m, 0);
  Value text = group_value(vm, m, 0, Value::none());
  return vm.new_str("<re.Match object; span=(" + std::to_string(b) + ", " + std::to_string(e) +
                    "), match=" + truncated_repr(vm, text, 50) + ">");
}

Value m_copy(VM& vm, CallArgs& args) { return match_self(vm, args, "__copy__"); }

// ---- RegexFlag ---------------------------------------------------------------------
// re.I, re.M, ...: instances of an int subclass whose str and repr name the
// flags ("re.IGNORECASE|re.MULTILINE") and whose bitwise operators keep the
// type, as CPython's enum.IntFlag RegexFlag does.

constexpr std::pair<int64_t, const char*> kFlagMembers[] = {
    {regex::kAscii, "ASCII"},     {regex::kIgnoreCase, "IGNORECASE"}, {regex::kLocale, "LOCALE"},
    {regex::kUnicode, "UNICODE"}, {regex::kMultiline, "MULTILINE"},   {regex::kDotAll, "DOTALL"},
    {regex::kVerbose, "VERBOSE"}, {regex::kTemplate, "TEMPLATE"},     {regex::kDebug, "DEBUG"},
};
constexpr int64_t kAllFlags = 511;

Value make_flag(VM& vm, int64_t v, Value cls = Value()) {
  Value n = Value::integer(v);
  return vm.call(cls.is_undef() ? re_class(vm, "RegexFlag") : cls, std::span<const Value>(&n, 1));
}

int64_t flag_value(VM& vm, Value self, const char* method) {
  Value inner = subclass_value(vm, self);
  if (inner.is_undef()) inner = self;
  if (!inner.is_int())
    vm.type_error(std::string("descriptor '") + method +
                  "' requires a 'int' object but received a '" + vm.type_name(self) + "'");
  return inner.i;
}

std::string flag_text(int64_t v) {
  if (v == 0) return "re.NOFLAG";
  std::string out;
  int64_t rest = v;
  for (auto [bit, name] : kFlagMembers) {
    if ((v & bit) == bit) {
      out += (out.empty() ? "re." : "|re.") + std::string(name);
      rest &= ~bit;
    }
  }
  if (rest) {
    char buf[32];
    snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(rest));
    out += (out.empty() ? "" : "|") + std::string(buf);
  }
  return out;
}

Value flag_repr(VM& vm, CallArgs& args) {
  if (args.size() != 1) vm.type_error("__repr__() takes no arguments");
  return vm.new_str(flag_text(flag_value(vm, args[0], "__repr__")));
}

Value flag_format(VM& vm, CallArgs& args) {
  if (args.size() != 2 || !vm.is_str(args[1])) vm.type_error("__format__() argument must be str");
  if (vm.str_view(args[1]).empty())
    return vm.new_str(flag_text(flag_value(vm, args[0], "__format__")));
  Value plain = Value::integer(flag_value(vm, args[0], "__format__"));
  return vm.call(lookup_builtin("format"), std::vector<Value>{plain, args[1]});
}

template <char Op>
Value flag_binary(VM& vm, CallArgs& args) {
  if (args.size() != 2) vm.type_error("expected 1 argument");
  int64_t a = flag_value(vm, args[0], "__or__");
  Value other = subclass_value(vm, args[1]);
  if (other.is_undef()) other = args[1];
  if (!other.is_int() && !other.is_bool())
    return Value::type(static_cast<uint32_t>(BuiltinTypeId::NotImplementedType));
  int64_t b = other.i;
  return make_flag(vm, Op == '|' ? (a | b) : Op == '&' ? (a & b) : (a ^ b));
}

Value flag_invert(VM& vm, CallArgs& args) {
  if (args.size() != 1) vm.type_error("__invert__() takes no arguments");
  return make_flag(vm, ~flag_value(vm, args[0], "__invert__") & kAllFlags);
}

// ---- module functions ------------------------------------------------------------------

PatternRef pattern_from(VM& vm, Value pattern, Value flags) {
  Value p = make_pattern(vm, pattern, flags);
  return pattern_of(vm, p, "compile");
}

Value re_compile(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "compile", {"pattern", "flags"}, 1, a);
  return make_pattern(vm, a[0], a[1]);
}

Value module_match(VM& vm, CallArgs& args, Anchor anchor, const char* name) {
  Value a[3];
  bind_args_like_python(vm, args, name, {"pattern", "string", "flags"}, 2, a);
  PatternRef p = pattern_from(vm, a[0], a[2]);
  SubjectText s;
  read_subject(vm, a[1], p.bytes, &s);
  Search search(vm, p, s, s.subject.length);
  if (!search.run(0, anchor)) return Value::none();
  return search.make_match(0, s.subject.length);
}

Value re_match(VM& vm, CallArgs& args) { return module_match(vm, args, Anchor::Match, "match"); }
Value re_fullmatch(VM& vm, CallArgs& args) {
  return module_match(vm, args, Anchor::FullMatch, "fullmatch");
}
Value re_search(VM& vm, CallArgs& args) { return module_match(vm, args, Anchor::Search, "search"); }

Value re_findall(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "findall", {"pattern", "string", "flags"}, 2, a);
  return findall_impl(vm, pattern_from(vm, a[0], a[2]), a[1], Value(), Value());
}

Value re_finditer(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "finditer", {"pattern", "string", "flags"}, 2, a);
  return finditer_impl(vm, pattern_from(vm, a[0], a[2]), a[1], Value(), Value());
}

Value re_split(VM& vm, CallArgs& args) {
  Value a[4];
  bind_args_like_python(vm, args, "split", {"pattern", "string", "maxsplit", "flags"}, 2, a);
  return split_impl(vm, pattern_from(vm, a[0], a[3]), a[1], a[2]);
}

Value re_sub(VM& vm, CallArgs& args) {
  Value a[5];
  bind_args_like_python(vm, args, "sub", {"pattern", "repl", "string", "count", "flags"}, 3, a);
  return sub_impl(vm, pattern_from(vm, a[0], a[4]), a[1], a[2], a[3]).first;
}

Value re_subn(VM& vm, CallArgs& args) {
  Value a[5];
  bind_args_like_python(vm, args, "subn", {"pattern", "repl", "string", "count", "flags"}, 3, a);
  auto [r, n] = sub_impl(vm, pattern_from(vm, a[0], a[4]), a[1], a[2], a[3]);
  return vm.new_tuple({r, Value::integer(n)});
}

// re.escape: a backslash before each character that is special in a pattern.
Value re_escape(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args_like_python(vm, args, "escape", {"pattern"}, 1, a);
  static constexpr std::string_view kSpecial = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f";
  bool bytes = !vm.is_str(a[0]);
  const std::string* raw = bytes ? bytes_like_data(vm, a[0]) : &vm.as<StrObj>(a[0])->data;
  if (!raw) vm.type_error("expected str or bytes, not " + vm.type_name(a[0]));
  std::string out;
  for (char c : *raw) {
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return make_text(vm, std::move(out), bytes);
}

Value re_purge(VM& vm, CallArgs& args) {
  Value a[1];
  bind_args_like_python(vm, args, "purge", {}, 0, a);
  vm.regex_cache.clear();
  return Value::none();
}

const BuiltinFnDef kReFunctionTable[] = {
    {"compile", re_compile, "re"},
    {"match", re_match, "re"},
    {"fullmatch", re_fullmatch, "re"},
    {"search", re_search, "re"},
    {"findall", re_findall, "re"},
    {"finditer", re_finditer, "re"},
    {"split", re_split, "re"},
    {"sub", re_sub, "re"},
    {"subn", re_subn, "re"},
    {"escape", re_escape, "re"},
    {"purge", re_purge, "re"},
    {"match", pat_match, "_re_Pattern", nullptr, true},
    {"fullmatch", pat_fullmatch, "_re_Pattern", nullptr, true},
    {"search", pat_search, "_re_Pattern", nullptr, true},
    {"findall", pat_findall, "_re_Pattern", nullptr, true},
    {"finditer", pat_finditer, "_re_Pattern", nullptr, true},
    {"split", pat_split, "_re_Pattern", nullptr, true},
    {"sub", pat_sub, "_re_Pattern", nullptr, true},
    {"subn", pat_subn, "_re_Pattern", nullptr, true},
    {"__repr__", pat_repr, "_re_Pattern", nullptr, true},
    {"__eq__", pat_eq, "_re_Pattern", nullptr, true},
    {"__hash__", pat_hash, "_re_Pattern", nullptr, true},
    {"__copy__", pat_copy, "_re_Pattern", nullptr, true},
    {"__deepcopy__", pat_deepcopy, "_re_Pattern", nullptr, true},
    {"pattern", pat_pattern, "_re_PatternProperty"},
    {"flags", pat_flags, "_re_PatternProperty"},
    {"groups", pat_groups, "_re_PatternProperty"},
    {"groupindex", pat_groupindex, "_re_PatternProperty"},
    {"readonly", read_only, "_re_"},
    {"__class_getitem__", class_getitem, "_re_"},
    {"group", m_group, "_re_Match", nullptr, true},
    {"__getitem__", m_getitem, "_re_Match", nullptr, true},
    {"groups", m_groups, "_re_Match", nullptr, true},
    {"groupdict", m_groupdict, "_re_Match", nullptr, true},
    {"start", m_position<0>, "_re_Match", nullptr, true},
    {"end", m_position<1>, "_re_Match", nullptr, true},
    {"span", m_position<2>, "_re_Match", nullptr, true},
    {"expand", m_expand, "_re_Match", nullptr, true},
    {"__repr__", m_repr, "_re_Match", nullptr, true},
    {"__copy__", m_copy, "_re_Match", nullptr, true},
    {"string", m_string, "_re_MatchProperty"},
    {"re", m_re, "_re_MatchProperty"},
    {"pos", m_pos, "_re_MatchProperty"},
    {"endpos", m_endpos, "_re_MatchProperty"},
    {"regs", m_regs, "_re_MatchProperty"},
    {"lastindex", m_lastindex, "_re_MatchProperty"},
    {"lastgroup", m_lastgroup, "_re_MatchProperty"},
    {"__repr__", flag_repr, "_re_RegexFlag", nullptr, true},
    {"__str__", flag_repr, "_re_RegexFlag", nullptr, true},
    {"__format__", flag_format, "_re_RegexFlag", nullptr, true},
    {"__or__", flag_binary<'|'>, "_re_RegexFlag", nullptr, true},
    {"__ror__", flag_binary<'|'>, "_re_RegexFlag", nullptr, true},
    {"__and__", flag_binary<'&'>, "_re_RegexFlag", nullptr, true},
    {"__rand__", flag_binary<'&'>, "_re_RegexFlag", nullptr, true},
    {"__xor__", flag_binary<'^'>, "_re_RegexFlag", nullptr, true},
    {"__rxor__", flag_binary<'^'>, "_re_RegexFlag", nullptr, true},
    {"__invert__", flag_invert, "_re_RegexFlag", nullptr, true},
};

// The namespace of re.Pattern or re.Match: its methods, its read-only
// properties, __slots__ of the hidden state, no instances from Python.
Value re_namespace(VM& vm, std::string_view cls, std::initializer_list<const char*> slots,
                   bool with_slots = true) {
  Value ns = vm.new_dict();
  Dict& d = vm.as<DictObj>(ns)->dict;
  std::string methods = "_re_" + std::string(cls);
  std::string properties = methods + "Property";
  Value readonly = hidden_fn(read_only);
  const auto fns = builtin_functions();
  for (size_t i = 0; i < fns.size(); i++) {
    std::string_view module = fns[i].module ? fns[i].module : "";
    Value fn = Value::builtin_fn(static_cast<uint32_t>(i));
    if (module == methods) d.set(vm, vm.intern(fns[i].name), fn);
    if (module == properties)
      d.set(vm, vm.intern(fns[i].name),
            vm.heap.make<WrapperObj>(ObjKind::Property, fn, readonly, readonly));
  }
  if (!with_slots) return ns;
  d.set(vm, vm.intern("__class_getitem__"),
        vm.heap.make<WrapperObj>(ObjKind::ClassMethod, hidden_fn(class_getitem)));
  std::vector<Value> names;
  for (const char* s : slots) names.push_back(vm.intern(s));
  d.set(vm, vm.intern("__slots__"), vm.new_tuple(std::move(names)));
  return ns;
}

}  // namespace

const std::span<const BuiltinFnDef> kReFunctions = kReFunctionTable;

void init_re_module(VM& vm, ModuleObj* module) {
  auto set = [&](const char* name, Value v) { module->attrs.set(vm, vm.intern(name), v); };
  static constexpr std::pair<const char*, int64_t> kFlags[] = {
      {"A", regex::kAscii},      {"ASCII", regex::kAscii},
      {"I", regex::kIgnoreCase}, {"IGNORECASE", regex::kIgnoreCase},
      {"L", regex::kLocale},     {"LOCALE", regex::kLocale},
      {"M", regex::kMultiline},  {"MULTILINE", regex::kMultiline},
      {"S", regex::kDotAll},     {"DOTALL", regex::kDotAll},
      {"U", regex::kUnicode},    {"UNICODE", regex::kUnicode},
      {"X", regex::kVerbose},    {"VERBOSE", regex::kVerbose},
      {"T", regex::kTemplate},   {"TEMPLATE", regex::kTemplate},
      {"DEBUG", regex::kDebug},  {"NOFLAG", 0},
  };
  Value int_type = Value::type(static_cast<uint32_t>(BuiltinTypeId::Int));
  Value flag_ns = re_namespace(vm, "RegexFlag", {}, false);
  Value flag_class = make_module_class(vm, "re", "RegexFlag", {int_type}, flag_ns);
  set("RegexFlag", flag_class);
  for (auto [name, value] : kFlags) set(name, make_flag(vm, value, flag_class));
  set("error", Value::type(static_cast<uint32_t>(BuiltinTypeId::ReError)));
  Value object = Value::type(static_cast<uint32_t>(BuiltinTypeId::Object));
  Value pattern_ns = re_namespace(vm, "Pattern", {" pattern", " flags"});
  set("Pattern", make_module_class(vm, "re", "Pattern", {object}, pattern_ns, true));
  Value match_ns =
      re_namespace(vm, "Match", {" string", " re", " pos", " endpos", " regs", " lastindex"});
  set("Match", make_module_class(vm, "re", "Match", {object}, match_ns, true));
}

}  // namespace monty
