// The json module: dumps() and loads() with CPython 3.11's output, options and
// error messages (json/encoder.py and the C scanner _json.c are the oracle).
//
// Both directions are native code with bounded recursion (nesting deeper than
// kMaxNesting raises RecursionError, as CPython does at its recursion limit),
// count their work for the time limit (native_tick) and refuse output that
// could never fit the memory limit. Hooks (default=, object_hook=, parse_*=)
// are Python callables run as native re-entries.
//
// Not provided: dump()/load() (no files), JSONEncoder/JSONDecoder classes
// (cls= raises NotImplementedError), UTF-16/32 encoded bytes.
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/types/registry.h"
#include "runtime/types/text_ops.h"
#include "support/numfmt.h"

namespace monty {

namespace {

constexpr int kMaxNesting = 1000;

// The builtin value behind an instance of a user subclass (class L(list)),
// which json treats like the builtin type; `v` itself otherwise.
Value underlying(VM& vm, Value v) {
  if (vm.is_kind(v, ObjKind::Instance)) {
    Value b = vm.as<InstanceObj>(v)->builtin_value;
    if (!b.is_undef()) return b;
  }
  return v;
}

// ---- encoding -------------------------------------------------------------

void append_hex4(std::string& out, uint32_t u) {
  static const char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(u >> shift) & 0xF]);
}

// encoder.py's py_encode_basestring(_ascii): the JSON string literal of `s`.
void append_json_string(std::string& out, std::string_view s, bool ensure_ascii) {
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) {
      size_t start = i;
      char32_t c = text::next_cp(s, i);
      if (!ensure_ascii) {
        out.append(s.substr(start, i - start));
      } else if (c < 0x10000) {
        append_hex4(out, c);
      } else {
        c -= 0x10000;
        append_hex4(out, 0xD800 | ((c >> 10) & 0x3FF));
        append_hex4(out, 0xDC00 | (c & 0x3FF));
      }
      continue;
    }
    i++;
    switch (b) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (b < 0x20 || (b == 0x7F && ensure_ascii)) {
          append_hex4(out, b);
        } else {
          out.push_back(static_cast<char>(b));
        }
    }
  }
  out.push_back('"');
}

class Encoder {
 public:
  explicit Encoder(VM& vm) : vm_(vm) {}

  bool skipkeys = false, ensure_ascii = true, check_circular = true, allow_nan = true;
  bool sort_keys = false;
  bool has_indent = false;
  std::string indent;
  std::string item_separator = ", ", key_separator = ": ";
  Value default_fn;

  std::string encode(Value v) {
    encode_value(v, 0);
    grew();
    return std::move(out_);
  }

 private:
  // Counts the work (one tick per value and per byte written) and refuses
  // output that could never fit the memory limit.
  void grew() {
    vm_.native_work(static_cast<uint32_t>(1 + out_.size() - charged_));
    charged_ = out_.size();
    if (out_.size() >= next_size_check_) {
      vm_.check_alloc(out_.size());
      next_size_check_ = out_.size() * 2;
    }
  }

  std::string float_text(double d) {
    if (d != d || d == HUGE_VAL || d == -HUGE_VAL) {
      if (!allow_nan) vm_.value_error("Out of range float values are not JSON compliant");
      return d != d ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }
    return float_repr(d);
  }

  // Circular-reference markers: the containers (and default() inputs) being
  // encoded, as in encoder.py's `markers`.
  void enter(Value v) {
    if (!check_circular) return;
    for (uint32_t id : active_)
      if (id == v.id) vm_.value_error("Circular reference detected");
    active_.push_back(v.id);
  }
  void leave() {
    if (check_circular) active_.pop_back();
  }

  // One level deeper in the native recursion (containers, default()); the
  // message is _json.c's for arrays too.
  void nest() {
    if (++nesting_ > kMaxNesting) {
      vm_.raise(BuiltinTypeId::RecursionError,
                "maximum recursion depth exceeded while encoding a JSON object");
    }
  }

  void newline(int level) {
    out_.push_back('\n');
    for (int i = 0; i < level; i++) out_ += indent;
  }

  void encode_value(Value v, int depth) {
    grew();
    if (v.is_none()) {
      out_ += "null";
      return;
    }
    if (v.is_bool()) {
      out_ += v.i ? "true" : "false";
      return;
    }
    Value u = underlying(vm_, v);
    if (u.is_int() || vm_.is_bigint(u)) {
      out_ += int_repr(vm_, u);
      return;
    }
    if (u.is_float()) {
      out_ += float_text(u.f);
      return;
    }
    if (vm_.is_str(u)) {
      append_json_string(out_, vm_.str_view(u), ensure_ascii);
      return;
    }
    if (vm_.is_kind(u, ObjKind::List) || vm_.is_kind(u, ObjKind::Tuple)) {
      encode_array(v, u, depth);
      return;
    }
    if (vm_.is_dict(u)) {
      encode_object(v, u, depth);
      return;
    }
    if (default_fn.is_undef()) {
      vm_.type_error("Object of type " + vm_.type_name(v) + " is not JSON serializable");
    }
    enter(v);
    Value replaced = vm_.call(default_fn, std::span<const Value>(&v, 1));
    // At the same indentation level, one nesting deeper (encoder.py).
    nest();
    encode_value(replaced, depth);
    nesting_--;
    leave();
  }

  void encode_array(Value v, Value u, int depth) {
    std::vector<Value> items =
        vm_.is_kind(u, ObjKind::List) ? vm_.as<ListObj>(u)->items : vm_.as<TupleObj>(u)->items;
    if (items.empty()) {
      out_ += "[]";
      return;
    }
    nest();
    enter(v);
    out_.push_back('[');
    if (has_indent) newline(depth + 1);
    for (size_t i = 0; i < items.size(); i++) {
      if (i > 0) {
        out_ += item_separator;
        if (has_indent) newline(depth + 1);
      }
      encode_value(items[i], depth + 1);
    }
    if (has_indent) newline(depth);
    out_.push_back(']');
    leave();
    nesting_--;
  }

  // A dict key as JSON text, or false (skipkeys) to leave the item out.
  bool key_text(Value k, std::string* text) {
    if (k.is_bool()) {
      *text = k.i ? "true" : "false";
      return true;
    }
    if (k.is_none()) {
      *text = "null";
      return true;
    }
    Value u = underlying(vm_, k);
    if (vm_.is_str(u)) {
      *text = std::string(vm_.str_view(u));
      return true;
    }
    if (u.is_float()) {
      *text = float_text(u.f);
      return true;
    }
    if (u.is_int() || vm_.is_bigint(u)) {
      *text = int_repr(vm_, u);
      return true;
    }
    if (skipkeys) return false;
    vm_.type_error("keys must be str, int, float, bool or None, not " + vm_.type_name(k));
  }

  void encode_object(Value v, Value u, int depth) {
    std::vector<std::pair<Value, Value>> items;
    for (const auto& e : vm_.as<DictObj>(u)->dict.entries())
      if (!e.key.is_undef()) items.emplace_back(e.key, e.value);
    if (items.empty()) {
      out_ += "{}";
      return;
    }
    nest();
    enter(v);
    if (sort_keys) sort_items(items);
    out_.push_back('{');
    if (has_indent) newline(depth + 1);
    bool first = true;
    std::string key;
    for (const auto& [k, value] : items) {
      if (!key_text(k, &key)) continue;
      if (!first) {
        out_ += item_separator;
        if (has_indent) newline(depth + 1);
      }
      first = false;
      append_json_string(out_, key, ensure_ascii);
      out_ += key_separator;
      encode_value(value, depth + 1);
    }
    if (has_indent) newline(depth);
    out_.push_back('}');
    leave();
    nesting_--;
  }

  // sorted(dct.items()): keys are distinct, so sorting (key, position)
  // pairs orders by key alone, with list.sort's errors ('<' not supported
  // between 'str' and 'int'), and the positions give the values back.
  void sort_items(std::vector<std::pair<Value, Value>>& items) {
    std::vector<Value> pairs;
    for (size_t i = 0; i < items.size(); i++)
      pairs.push_back(vm_.new_tuple({items[i].first, Value::integer(static_cast<int64_t>(i))}));
    Value list = vm_.new_list(std::move(pairs));
    CallArgs sort_args{list, {}, {}, {}};
    list_sort(vm_, sort_args);
    std::vector<std::pair<Value, Value>> sorted;
    for (Value pair : vm_.as<ListObj>(list)->items)
      sorted.push_back(items[static_cast<size_t>(vm_.as<TupleObj>(pair)->items[1].i)]);
    items = std::move(sorted);
  }

  VM& vm_;
  std::string out_;
  size_t next_size_check_ = 1 << 16;
  size_t charged_ = 0;  // bytes of out_ already counted as work
  int nesting_ = 0;
  std::vector<uint32_t> active_;
};

// json's functions take their options as keywords and hand the unknown ones
// to the encoder/decoder class, whose __init__ reports them.
void check_keywords(VM& vm, const CallArgs& args, std::initializer_list<std::string_view> names,
                    const char* cls) {
  for (Value k : args.kw_names) {
    std::string_view name = vm.str_view(k);
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      vm.type_error(std::string(cls) + ".__init__() got an unexpected keyword argument '" +
                    std::string(name) + "'");
    }
  }
}

Value json_dumps(VM& vm, CallArgs& args) {
  if (args.size() > 1) {
    vm.type_error("dumps() takes 1 positional argument but " + std::to_string(args.size()) +
                  " were given");
  }
  check_keywords(vm, args,
                 {"obj", "skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls", "indent",
                  "separators", "default", "sort_keys"},
                 "JSONEncoder");
  Value a[10];
  text::bind_builtin(vm, args, "dumps",
                     {"obj", "skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls",
                      "indent", "separators", "default", "sort_keys"},
                     1, 0, a);
  Encoder enc(vm);
  auto flag = [&](Value v, bool dflt) { return v.is_undef() ? dflt : vm.truthy(v); };
  enc.skipkeys = flag(a[1], false);
  enc.ensure_ascii = flag(a[2], true);
  enc.check_circular = flag(a[3], true);
  enc.allow_nan = flag(a[4], true);
  if (!a[5].is_undef() && !a[5].is_none()) {
    vm.raise(BuiltinTypeId::NotImplementedError, "json.dumps(cls=...) is not supported");
  }
  Value indent = a[6];
  if (!indent.is_undef() && !indent.is_none()) {
    enc.has_indent = true;
    enc.item_separator = ",";
    if (vm.is_str(indent)) {
      enc.indent = std::string(vm.str_view(indent));
    } else if (indent.is_int() || indent.is_bool()) {
      // ' ' * indent, refused up front when it could never fit the limit.
      const int64_t n = std::max<int64_t>(0, indent.i);
      vm.check_alloc(static_cast<uint64_t>(n));
      enc.indent = std::string(static_cast<size_t>(n), ' ');
    } else {
      vm.type_error("can't multiply sequence by non-int of type '" + vm.type_name(indent) + "'");
    }
  }
  Value seps = a[7];
  if (!seps.is_undef() && !seps.is_none()) {
    std::vector<Value> pair = vm.to_vector(seps);
    if (pair.size() != 2) {
      vm.value_error(pair.size() < 2 ? "not enough values to unpack (expected 2, got " +
                                           std::to_string(pair.size()) + ")"
                                     : "too many values to unpack (expected 2)");
    }
    for (Value s : pair) {
      if (!vm.is_str(s)) vm.type_error("separators must be str, not " + vm.type_name(s));
    }
    enc.item_separator = std::string(vm.str_view(pair[0]));
    enc.key_separator = std::string(vm.str_view(pair[1]));
  }
  if (!a[8].is_undef() && !a[8].is_none()) enc.default_fn = a[8];
  enc.sort_keys = flag(a[9], false);
  std::string out = enc.encode(a[0]);
  return vm.new_str(out);
}

// ---- decoding -------------------------------------------------------------

class Decoder {
 public:
  Decoder(VM& vm, Value doc) : vm_(vm), doc_(doc), s_(vm.str_view(doc)) {}

  bool strict = true;
  Value object_hook, object_pairs_hook, parse_float, parse_int, parse_constant;

  Value decode() {
    size_t pos = skip_ws(0);
    Value v;
    if (!scan(pos, 0, &v, &pos)) fail("Expecting value", pos);
    pos = skip_ws(pos);
    if (pos != s_.size()) fail("Extra data", pos);
    return v;
  }

  // JSONDecodeError(msg, doc, pos): positions are in code points, as in
  // CPython; `byte_pos` indexes the UTF-8 text.
  [[noreturn]] void fail(const std::string& msg, size_t byte_pos) {
    int64_t pos = 0, lineno = 1, colno = 1;
    for (size_t i = 0; i < byte_pos && i < s_.size(); i++) {
      const auto b = static_cast<unsigned char>(s_[i]);
      if (text::is_cont(b)) continue;
      pos++;
      if (b == '\n') {
        lineno++;
        colno = 1;
      } else {
        colno++;
      }
    }
    Value exc =
        vm_.new_exception(BuiltinTypeId::JSONDecodeError,
                          msg + ": line " + std::to_string(lineno) + " column " +
                              std::to_string(colno) + " (char " + std::to_string(pos) + ")");
    Dict& attrs = vm_.instance_attrs(vm_.as<InstanceObj>(exc));
    attrs.set(vm_, vm_.intern("msg"), vm_.new_str(msg));
    attrs.set(vm_, vm_.intern("doc"), doc_);
    attrs.set(vm_, vm_.intern("pos"), Value::integer(pos));
    attrs.set(vm_, vm_.intern("lineno"), Value::integer(lineno));
    attrs.set(vm_, vm_.intern("colno"), Value::integer(colno));
    vm_.raise(exc);
  }

 private:
  static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  size_t skip_ws(size_t pos) const {
    while (pos < s_.size() && is_ws(s_[pos])) pos++;
    return pos;
  }
  char at(size_t pos) const { return pos < s_.size() ? s_[pos] : '\0'; }

  Value constant(const char* name, double d) {
    if (!parse_constant.is_undef()) {
      Value text = vm_.new_str(name);
      return vm_.call(parse_constant, std::span<const Value>(&text, 1));
    }
    return Value::floating(d);
  }

  // scanner.py's scan_once: the value starting at `pos`, or false ("Expecting
  // value" at pos, reported by the caller).
  bool scan(size_t pos, int depth, Value* out, size_t* end) {
    // The work: one tick per value and per byte read since the last value.
    if (pos > charged_) {
      vm_.native_work(static_cast<uint32_t>(std::min<size_t>(pos - charged_, UINT32_MAX - 1) + 1));
      charged_ = pos;
    } else {
      vm_.native_tick();
    }
    char c = at(pos);
    auto word = [&](std::string_view w) { return s_.substr(pos, w.size()) == w; };
    switch (c) {
      case '"':
        *out = scan_string(pos + 1, end);
        return true;
      case '{':
        *out = scan_object(pos + 1, depth + 1, end);
        return true;
      case '[':
        *out = scan_array(pos + 1, depth + 1, end);
        return true;
      case 'n':
        if (!word("null")) return false;
        *out = Value::none();
        *end = pos + 4;
        return true;
      case 't':
        if (!word("true")) return false;
        *out = Value::boolean(true);
        *end = pos + 4;
        return true;
      case 'f':
        if (!word("false")) return false;
        *out = Value::boolean(false);
        *end = pos + 5;
        return true;
      case 'N':
        if (!word("NaN")) return false;
        *out = constant("NaN", NAN);
        *end = pos + 3;
        return true;
      case 'I':
        if (!word("Infinity")) return false;
        *out = constant("Infinity", HUGE_VAL);
        *end = pos + 8;
        return true;
      default:
        break;
    }
    if (c == '-' && word("-Infinity")) {
      *out = constant("-Infinity", -HUGE_VAL);
      *end = pos + 9;
      return true;
    }
    return scan_number(pos, out, end);
  }

  // NUMBER_RE: (-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?
  bool scan_number(size_t pos, Value* out, size_t* end) {
    auto digit = [&](size_t i) { return at(i) >= '0' && at(i) <= '9'; };
    size_t i = pos;
    if (at(i) == '-') i++;
    if (!digit(i)) return false;
    if (at(i) == '0') {
      i++;
    } else {
      while (digit(i)) i++;
    }
    bool is_float = false;
    if (at(i) == '.' && digit(i + 1)) {
      i += 2;
      while (digit(i)) i++;
      is_float = true;
    }
    if ((at(i) == 'e' || at(i) == 'E')) {
      size_t j = i + 1;
      if (at(j) == '+' || at(j) == '-') j++;
      if (digit(j)) {
        while (digit(j)) j++;
        i = j;
        is_float = true;
      }
    }
    std::string_view text = s_.substr(pos, i - pos);
    *end = i;
    Value hook = is_float ? parse_float : parse_int;
    if (!hook.is_undef()) {
      Value t = vm_.new_str(text);
      *out = vm_.call(hook, std::span<const Value>(&t, 1));
      return true;
    }
    if (is_float) {
      *out = Value::floating(*monty::parse_float(text));
    } else if (text.size() <= 18) {
      int64_t n = 0;
      for (char d : text) {
        if (d != '-') n = n * 10 + (d - '0');
      }
      *out = Value::integer(text[0] == '-' ? -n : n);
    } else {
      Value t = vm_.new_str(text);
      Value int_type = Value::type(static_cast<uint32_t>(BuiltinTypeId::Int));
      *out = vm_.call(int_type, std::span<const Value>(&t, 1));  // 4300-digit limit
    }
    return true;
  }

  static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
    return -1;
  }
  // Four hex digits at s_[i..i+4), or -1.
  int32_t hex4(size_t i) const {
    int32_t u = 0;
    for (size_t k = i; k < i + 4; k++) {
      int h = hex_value(at(k));
      if (h < 0) return -1;
      u = u * 16 + h;
    }
    return u;
  }

  // _json.c's scanstring_unicode: `pos` is just past the opening quote.
  Value scan_string(size_t pos, size_t* end) {
    const size_t begin = pos - 1;
    std::string out;
    size_t i = pos;
    for (;;) {
      size_t run = i;
      while (i < s_.size() && s_[i] != '"' && s_[i] != '\\' &&
             !(strict && static_cast<unsigned char>(s_[i]) < 0x20))
        i++;
      out.append(s_.substr(run, i - run));
      if (i >= s_.size()) fail("Unterminated string starting at", begin);
      char c = s_[i];
      if (c == '"') {
        *end = i + 1;
        break;
      }
      if (c != '\\') fail("Invalid control character at", i);
      if (i + 1 >= s_.size()) fail("Unterminated string starting at", begin);
      char e = s_[i + 1];
      if (e != 'u') {
        // The one-character escapes: \" \\ \/ \b \f \n \r \t.
        static constexpr std::string_view kEscaped = "\"\\/bfnrt";
        static constexpr std::string_view kMeaning = "\"\\/\b\f\n\r\t";
        size_t k = kEscaped.find(e);
        if (k == std::string_view::npos) fail("Invalid \\escape", i);
        out.push_back(kMeaning[k]);
        i += 2;
        continue;
      }
      // \uXXXX, and a following \uXXXX low surrogate joined to a high one.
      size_t digits = i + 2;
      if (digits + 4 >= s_.size()) fail("Invalid \\uXXXX escape", digits - 1);
      int32_t u = hex4(digits);
      if (u < 0) fail("Invalid \\uXXXX escape", digits - 1);
      i = digits + 4;
      if (u >= 0xD800 && u <= 0xDBFF && i + 6 < s_.size() && s_[i] == '\\' && s_[i + 1] == 'u') {
        int32_t low = hex4(i + 2);
        if (low < 0) fail("Invalid \\uXXXX escape", i + 1);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          u = 0x10000 + (((u - 0xD800) << 10) | (low - 0xDC00));
          i += 6;
        }
      }
      text::append_utf8(out, static_cast<char32_t>(u));
    }
    return vm_.new_str(out);
  }

  void check_depth(int depth, const char* what) {
    if (depth > kMaxNesting) {
      vm_.raise(BuiltinTypeId::RecursionError,
                std::string("maximum recursion depth exceeded while decoding a JSON ") + what +
                    " from a unicode string");
    }
  }

  Value scan_array(size_t pos, int depth, size_t* end) {
    check_depth(depth, "array");
    std::vector<Value> items;
    pos = skip_ws(pos);
    if (at(pos) == ']') {
      *end = pos + 1;
      return vm_.new_list({});
    }
    for (;;) {
      Value v;
      if (!scan(pos, depth, &v, &pos)) fail("Expecting value", pos);
      items.push_back(v);
      pos = skip_ws(pos);
      char c = at(pos);
      pos++;
      if (c == ']') break;
      if (c != ',') fail("Expecting ',' delimiter", pos - 1);
      pos = skip_ws(pos);
    }
    *end = pos;
    return vm_.new_list(std::move(items));
  }

  Value scan_object(size_t pos, int depth, size_t* end) {
    check_depth(depth, "object");
    std::vector<std::pair<Value, Value>> pairs;
    pos = skip_ws(pos);
    if (at(pos) == '}') {
      *end = pos + 1;
      return finish_object(std::move(pairs));
    }
    if (at(pos) != '"') fail("Expecting property name enclosed in double quotes", pos);
    pos++;
    for (;;) {
      Value key = scan_string(pos, &pos);
      pos = skip_ws(pos);
      if (at(pos) != ':') fail("Expecting ':' delimiter", pos);
      pos = skip_ws(pos + 1);
      Value v;
      if (!scan(pos, depth, &v, &pos)) fail("Expecting value", pos);
      pairs.emplace_back(key, v);
      pos = skip_ws(pos);
      char c = at(pos);
      pos++;
      if (c == '}') break;
      if (c != ',') fail("Expecting ',' delimiter", pos - 1);
      pos = skip_ws(pos);
      c = at(pos);
      pos++;
      if (c != '"') fail("Expecting property name enclosed in double quotes", pos - 1);
    }
    *end = pos;
    return finish_object(std::move(pairs));
  }

  Value finish_object(std::vector<std::pair<Value, Value>> pairs) {
    if (!object_pairs_hook.is_undef()) {
      std::vector<Value> tuples;
      for (const auto& [k, v] : pairs) tuples.push_back(vm_.new_tuple({k, v}));
      Value list = vm_.new_list(std::move(tuples));
      return vm_.call(object_pairs_hook, std::span<const Value>(&list, 1));
    }
    Value d = vm_.new_dict();
    for (const auto& [k, v] : pairs) vm_.as<DictObj>(d)->dict.set(vm_, k, v);
    if (!object_hook.is_undef()) return vm_.call(object_hook, std::span<const Value>(&d, 1));
    return d;
  }

  VM& vm_;
  Value doc_;
  std::string_view s_;
  size_t charged_ = 0;  // bytes of s_ already counted as work
};

Value json_loads(VM& vm, CallArgs& args) {
  if (args.size() > 1) {
    vm.type_error("loads() takes 1 positional argument but " + std::to_string(args.size()) +
                  " were given");
  }
  check_keywords(vm, args,
                 {"s", "cls", "object_hook", "parse_float", "parse_int", "parse_constant",
                  "object_pairs_hook", "strict"},
                 "JSONDecoder");
  Value a[8];
  text::bind_builtin(vm, args, "loads",
                     {"s", "cls", "object_hook", "parse_float", "parse_int", "parse_constant",
                      "object_pairs_hook", "strict"},
                     1, 0, a);
  if (!a[1].is_undef() && !a[1].is_none()) {
    vm.raise(BuiltinTypeId::NotImplementedError, "json.loads(cls=...) is not supported");
  }
  Value doc = underlying(vm, a[0]);
  if (const std::string* raw = bytes_like_data(vm, doc)) {
    // detect_encoding() for UTF-8 text, with or without a BOM.
    std::string_view text = *raw;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    Value b = vm.new_bytes(std::string(text));
    doc = vm.call_method(b, "decode");
  } else if (!vm.is_str(doc)) {
    vm.type_error("the JSON object must be str, bytes or bytearray, not " + vm.type_name(a[0]));
  }
  Decoder dec(vm, doc);
  if (vm.str_view(doc).substr(0, 3) == "\xEF\xBB\xBF") {
    dec.fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
  }
  auto hook = [&](Value v) { return v.is_none() ? Value() : v; };
  dec.object_hook = hook(a[2]);
  dec.parse_float = hook(a[3]);
  dec.parse_int = hook(a[4]);
  dec.parse_constant = hook(a[5]);
  dec.object_pairs_hook = hook(a[6]);
  if (!a[7].is_undef()) dec.strict = vm.truthy(a[7]);
  return dec.decode();
}

const BuiltinFnDef kJsonFunctionTable[] = {
    {"dumps", json_dumps, "json"},
    {"loads", json_loads, "json"},
};

}  // namespace

const std::span<const BuiltinFnDef> kJsonFunctions = kJsonFunctionTable;

void init_json_module(VM& vm, ModuleObj* module) {
  Value error = Value::type(static_cast<uint32_t>(BuiltinTypeId::JSONDecodeError));
  module->attrs.set(vm, vm.new_str("JSONDecodeError"), error);
}

}  // namespace monty
