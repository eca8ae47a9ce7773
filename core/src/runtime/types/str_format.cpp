// String formatting: `fmt % args` (printf-style, for str and bytes) and
// str.format / str.format_map, with CPython 3.11's parsing rules and error
// messages. Number conversions go through support/numfmt; every replacement
// field of str.format goes through vm.format (builtin types and __format__).
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/types/registry.h"
#include "runtime/types/text_ops.h"
#include "support/numfmt.h"

namespace monty {

using text::append_utf8;
using text::next_cp;

namespace {

// ---- printf-style ------------------------------------------------------------------

// Where the arguments of `fmt % args` come from.
struct PercentArgs {
  std::vector<Value> items;  // positional arguments (a tuple's items or the single value)
  size_t next = 0;
  bool tuple = false;
  Value mapping;  // Undef unless args is a mapping
};

Value next_arg(VM& vm, PercentArgs& pa) {
  if (pa.next >= pa.items.size()) vm.type_error("not enough arguments for format string");
  return pa.items[pa.next++];
}

// CPython treats any non-tuple, non-str object with __getitem__ as a mapping
// (PyMapping_Check): for such arguments a format without %(key) specifiers
// does not complain about unused arguments.
bool looks_like_mapping(VM& vm, Value v) {
  if (!v.is_obj()) return false;
  switch (vm.kind(v)) {
    case ObjKind::Dict:
    case ObjKind::List:
    case ObjKind::Bytes:
    case ObjKind::Range:
      return true;
    case ObjKind::Instance:
      return !vm.lookup_special(v, "__getitem__").is_undef();
    default:
      return false;
  }
}

// The integer value of an argument of %d/%i/%u (real numbers allowed,
// floats truncate) or %x/%X/%o (integers only).
BigInt int_arg(VM& vm, Value v, char conv) {
  if (v.is_int() || v.is_bool()) return BigInt(v.i);
  if (vm.is_bigint(v)) return vm.as<BigIntObj>(v)->value;
  bool real_ok = conv == 'd' || conv == 'i' || conv == 'u';
  if (v.is_float() && real_ok) {
    double d = v.f;
    if (d != d) vm.value_error("cannot convert float NaN to integer");
    if (std::isinf(d))
      vm.raise(BuiltinTypeId::OverflowError, "cannot convert float infinity to integer");
    return BigInt::from_double(d);
  }
  if (v.is_obj() && vm.kind(v) == ObjKind::Instance) {
    if (!vm.lookup_special(v, "__index__").is_undef()) return BigInt(vm.to_index(v));
    if (real_ok && !vm.lookup_special(v, "__int__").is_undef()) {
      Value r = vm.call_method(v, "__int__");
      if (r.is_int() || r.is_bool()) return BigInt(r.i);
      if (vm.is_bigint(r)) return vm.as<BigIntObj>(r)->value;
    }
  }
  std::string msg = std::string("%") + conv + " format: ";
  msg += real_ok ? "a real number is required, not " : "an integer is required, not ";
  vm.type_error(msg + vm.type_name(v));
}

// Appends `s` (UTF-8 or bytes) padded to `width` columns.
void append_padded(std::string& out, std::string_view s, size_t columns, int64_t width, bool left) {
  size_t padn = width > 0 && static_cast<uint64_t>(width) > columns
                    ? static_cast<size_t>(width) - columns
                    : 0;
  if (!left) out.append(padn, ' ');
  out.append(s);
  if (left) out.append(padn, ' ');
}

// Truncates UTF-8 (or bytes) text to `prec` characters.
std::string_view truncate_chars(std::string_view s, int64_t prec, bool bytes) {
  if (prec < 0) return s;
  if (bytes) return s.substr(0, static_cast<size_t>(std::min<int64_t>(prec, s.size())));
  size_t i = 0;
  for (int64_t k = 0; k < prec && i < s.size(); ++k) text::next_cp(s, i);
  return s.substr(0, i);
}

size_t count_chars(std::string_view s, bool bytes) { return bytes ? s.size() : utf8_length(s); }

}  // namespace

namespace text {

std::string percent_format(VM& vm, std::string_view fmt, Value args, bool bytes) {
  PercentArgs pa;
  if (vm.is_tuple(args)) {
    pa.items = vm.as<TupleObj>(args)->items;
    pa.tuple = true;
  } else {
    pa.items.push_back(args);
    if (looks_like_mapping(vm, args) && !vm.is_str(args)) pa.mapping = args;
  }
  std::string out;
  out.reserve(fmt.size() + 16);
  size_t i = 0, n = fmt.size();
  // Character index (not byte offset) of the conversion character, for the
  // "unsupported format character" message.
  auto char_index = [&](size_t byte) {
    return bytes ? byte : static_cast<size_t>(utf8_length(fmt.substr(0, byte)));
  };
  while (i < n) {
    size_t pct = fmt.find('%', i);
    if (pct == std::string_view::npos) {
      out.append(fmt.substr(i));
      break;
    }
    out.append(fmt.substr(i, pct - i));
    i = pct + 1;
    if (i >= n) vm.value_error("incomplete format");
    if (fmt[i] == '%') {
      out.push_back('%');
      ++i;
      continue;
    }
    Value arg;
    bool have_arg = false;
    // %(key)
    if (fmt[i] == '(') {
      if (pa.mapping.is_undef()) vm.type_error("format requires a mapping");
      int depth = 1;
      size_t kstart = ++i;
      while (i < n && depth > 0) {
        if (fmt[i] == '(') ++depth;
        if (fmt[i] == ')') --depth;
        ++i;
      }
      if (depth > 0) vm.value_error("incomplete format key");
      std::string_view key = fmt.substr(kstart, i - 1 - kstart);
      Value k = bytes ? vm.new_bytes(std::string(key)) : vm.new_str(std::string(key));
      arg = vm.getitem(pa.mapping, k);
      have_arg = true;
      // Like CPython, the looked-up value replaces the argument source: a
      // later plain %s finds no arguments left.
      pa.next = pa.items.size();
    }
    std::string flags;
    while (i < n &&
           (fmt[i] == '-' || fmt[i] == '+' || fmt[i] == ' ' || fmt[i] == '#' || fmt[i] == '0')) {
      flags.push_back(fmt[i]);
      ++i;
    }
    // CPython keeps a '*' width in a Py_ssize_t and a '*' precision in a C int.
    auto read_num = [&](int64_t* dst, bool c_int) {
      if (i < n && fmt[i] == '*') {
        ++i;
        Value w = next_arg(vm, pa);
        if (vm.is_bigint(w) ||
            ((w.is_int() || w.is_bool()) && c_int && (w.i < INT32_MIN || w.i > INT32_MAX))) {
          vm.raise(BuiltinTypeId::OverflowError,
                   c_int ? "Python int too large to convert to C int"
                         : "Python int too large to convert to C ssize_t");
        }
        if (!(w.is_int() || w.is_bool())) vm.type_error("* wants int");
        *dst = w.i;
        return true;
      }
      bool any = false;
      int64_t v = 0;
      while (i < n && fmt[i] >= '0' && fmt[i] <= '9') {
        v = v * 10 + (fmt[i] - '0');
        if (v > 0x7FFFFFFF) vm.value_error(c_int ? "precision too big" : "width too big");
        ++i;
        any = true;
      }
      if (any) *dst = v;
      return any;
    };
    int64_t width = -1, prec = -1;
    if (read_num(&width, false) && width < 0) {
      // "%*d" % (-5, x): a negative width means left-justify.
      flags.push_back('-');
      width = -width;
    }
    if (i < n && fmt[i] == '.') {
      ++i;
      prec = 0;
      read_num(&prec, true);
      if (prec < 0) prec = -1;
    }
    // Past kMaxFormattedWidth the formatters would clamp (a wrong result):
    // refuse, as format() does for such a spec.
    if (width > kMaxFormattedWidth || prec > kMaxFormattedWidth) {
      vm.check_alloc(static_cast<uint64_t>(std::max(width, prec)));
      vm.memory_error("");
    }
    while (i < n && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L')) ++i;
    if (i >= n) vm.value_error("incomplete format");
    size_t conv_at = i;
    char32_t conv;
    if (bytes) {
      conv = static_cast<unsigned char>(fmt[i++]);
    } else {
      conv = next_cp(fmt, i);
    }
    bool left = flags.find('-') != std::string::npos;
    // Precision is a digit count for these (it truncates %s, and %g strips zeros).
    vm.check_formatted_size(
        width,
        std::u32string_view(U"diuxXoeEfF").find(conv) != std::u32string_view::npos ? prec : -1);
    auto fetch = [&]() -> Value { return have_arg ? arg : next_arg(vm, pa); };
    switch (conv) {
      case 's':
      case 'r':
      case 'a':
      case 'b': {
        if (conv == 'b' && !bytes) goto unsupported;
        Value v = fetch();
        std::string s;
        if (bytes && (conv == 's' || conv == 'b')) {
          if (!vm.is_kind(v, ObjKind::Bytes))
            vm.type_error(
                "%b requires a bytes-like object, or an object that implements __bytes__, not '" +
                vm.type_name(v) + "'");
          s = vm.as<BytesObj>(v)->data;
        } else if (conv == 's') {
          s = vm.to_str(v);
        } else if (conv == 'r' && !bytes) {
          s = vm.repr_str(v);
        } else {
          s = ascii_escape(vm.repr_str(v));
        }
        std::string_view t = truncate_chars(s, prec, bytes);
        append_padded(out, t, count_chars(t, bytes), width, left);
        break;
      }
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        Value v = fetch();
        BigInt b = int_arg(vm, v, static_cast<char>(conv));
        char c = conv == 'i' || conv == 'u' ? 'd' : static_cast<char>(conv);
        std::string s = percent_format_int(b, flags, width, prec, c);
        out.append(s);
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        Value v = fetch();
        double d = vm.to_double(v);
        out.append(percent_format_float(d, flags, width, prec, static_cast<char>(conv)));
        break;
      }
      case 'c': {
        Value v = fetch();
        std::string s;
        if (bytes) {
          if (vm.is_kind(v, ObjKind::Bytes) && vm.as<BytesObj>(v)->data.size() == 1) {
            s = vm.as<BytesObj>(v)->data;
          } else if (vm.is_integer(v)) {
            int64_t c = vm.is_bigint(v) ? -1 : v.i;
            if (c < 0 || c > 255)
              vm.raise(BuiltinTypeId::OverflowError, "%c arg not in range(256)");
            s.push_back(static_cast<char>(c));
          } else {
            vm.type_error("%c requires an integer in range(256) or a single byte");
          }
        } else if (vm.is_str(v) && vm.as<StrObj>(v)->length == 1) {
          s = vm.str_view(v);
        } else if (vm.is_integer(v)) {
          int64_t c = vm.is_bigint(v) ? -1 : v.i;
          if (c < 0 || c > 0x10FFFF)
            vm.raise(BuiltinTypeId::OverflowError, "%c arg not in range(0x110000)");
          append_utf8(s, static_cast<char32_t>(c));
        } else {
          vm.type_error("%c requires int or char");
        }
        append_padded(out, s, 1, width, left);
        break;
      }
      default:
      unsupported : {
        // CPython fetches the argument before looking at the conversion.
        fetch();
        std::string msg = "unsupported format character '";
        msg.push_back(conv >= 31 && conv <= 126 ? static_cast<char>(conv) : '?');
        static constexpr char kHex[] = "0123456789abcdef";
        std::string hex;
        for (char32_t c = conv; c; c >>= 4) hex.insert(hex.begin(), kHex[c & 15]);
        if (hex.empty()) hex = "0";
        msg += "' (0x" + hex + ") at index " + std::to_string(char_index(conv_at));
        vm.value_error(msg);
      }
    }
    vm.check_alloc(out.size());
  }
  bool unused = pa.tuple ? pa.next < pa.items.size() : pa.next == 0;
  if (unused && pa.mapping.is_undef())
    vm.type_error(bytes ? "not all arguments converted during bytes formatting"
                        : "not all arguments converted during string formatting");
  return out;
}

}  // namespace text

Value str_percent(VM& vm, Value fmt, Value args) {
  std::string s(vm.str_view(fmt));  // copy: formatting may run Python code
  return vm.new_str(text::percent_format(vm, s, args, false));
}

// ---- str.format -------------------------------------------------------------------

namespace {

struct FormatCtx {
  VM& vm;
  CallArgs& args;
  Value mapping;  // format_map's mapping, else Undef
  int64_t auto_index = 0;
  int numbering = 0;  // 0 undecided, 1 automatic, 2 manual
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int64_t parse_index(VM& vm, std::string_view s) {
  int64_t v = 0;
  for (char c : s) {
    if (v > (INT64_MAX - 9) / 10) vm.value_error("Too many decimal digits in format string");
    v = v * 10 + (c - '0');
  }
  return v;
}

Value lookup_field(FormatCtx& cx, std::string_view name) {
  VM& vm = cx.vm;
  size_t i = 0;
  while (i < name.size() && name[i] != '.' && name[i] != '[') ++i;
  std::string_view first = name.substr(0, i);
  Value obj;
  if (first.empty() || all_digits(first)) {
    int64_t index;
    if (first.empty()) {
      if (cx.numbering == 2)
        vm.value_error(
            "cannot switch from manual field specification to automatic field numbering");
      cx.numbering = 1;
      index = cx.auto_index++;
    } else {
      if (cx.numbering == 1)
        vm.value_error(
            "cannot switch from automatic field numbering to manual field specification");
      cx.numbering = 2;
      index = parse_index(vm, first);
    }
    if (!cx.mapping.is_undef()) vm.value_error("Format string contains positional fields");
    if (index >= static_cast<int64_t>(cx.args.size()))
      vm.index_error("Replacement index " + std::to_string(index) +
                     " out of range for positional args tuple");
    obj = cx.args[static_cast<size_t>(index)];
  } else if (!cx.mapping.is_undef()) {
    obj = vm.getitem(cx.mapping, vm.new_str(std::string(first)));
  } else {
    bool found = false;
    for (size_t k = 0; k < cx.args.kw_names.size(); ++k) {
      if (vm.str_view(cx.args.kw_names[k]) == first) {
        obj = cx.args.kw_values[k];
        found = true;
        break;
      }
    }
    if (!found) vm.key_error(vm.new_str(std::string(first)));
  }
  // .attr and [key] accessors.
  while (i < name.size()) {
    if (name[i] == '.') {
      size_t s = ++i;
      while (i < name.size() && name[i] != '.' && name[i] != '[') ++i;
      if (i == s) vm.value_error("Empty attribute in format string");
      obj = vm.getattr(obj, vm.new_str(std::string(name.substr(s, i - s))));
    } else {  // '['
      size_t s = ++i;
      while (i < name.size() && name[i] != ']') ++i;
      if (i >= name.size()) vm.value_error("Missing ']' in format string");
      if (i == s) vm.value_error("Empty attribute in format string");
      std::string_view key = name.substr(s, i - s);
      ++i;
      if (i < name.size() && name[i] != '.' && name[i] != '[')
        vm.value_error("Only '.' or '[' may follow ']' in format field specifier");
      Value k =
          all_digits(key) ? Value::integer(parse_index(vm, key)) : vm.new_str(std::string(key));
      obj = vm.getitem(obj, k);
    }
  }
  return obj;
}

void render(FormatCtx& cx, std::string_view fmt, int depth, std::string& out) {
  VM& vm = cx.vm;
  if (depth <= 0) vm.value_error("Max string recursion exceeded");
  size_t i = 0, n = fmt.size();
  while (i < n) {
    // Literal text up to the next brace.
    size_t b = fmt.find_first_of("{}", i);
    if (b == std::string_view::npos) {
      out.append(fmt.substr(i));
      return;
    }
    out.append(fmt.substr(i, b - i));
    char c = fmt[b];
    i = b + 1;
    bool at_end = i >= n;
    if (c == '}') {
      if (at_end || fmt[i] != '}') vm.value_error("Single '}' encountered in format string");
      out.push_back('}');
      ++i;
      continue;
    }
    if (at_end) vm.value_error("Single '{' encountered in format string");
    if (fmt[i] == '{') {
      out.push_back('{');
      ++i;
      continue;
    }
    // A replacement field: name, then !conversion, then :spec.
    size_t name_start = i;
    char last = 0;
    while (i < n) {
      last = fmt[i++];
      if (last == '{') vm.value_error("unexpected '{' in field name");
      if (last == '[') {
        while (i < n && fmt[i] != ']') ++i;
        continue;
      }
      if (last == '}' || last == ':' || last == '!') break;
    }
    std::string_view name = fmt.substr(name_start, i - 1 - name_start);
    char32_t conversion = 0;
    std::string_view spec;
    bool expand = false;
    if (last == '!' || last == ':') {
      bool done = false;
      if (last == '!') {
        if (i >= n) vm.value_error("end of string while looking for conversion specifier");
        conversion = next_cp(fmt, i);
        if (i < n) {
          char d = fmt[i++];
          if (d == '}')
            done = true;
          else if (d != ':')
            vm.value_error("expected ':' after conversion specifier");
        }
      }
      if (!done) {
        size_t spec_start = i;
        int count = 1;
        while (i < n) {
          char d = fmt[i++];
          if (d == '{') {
            expand = true;
            ++count;
          } else if (d == '}') {
            if (--count == 0) break;
          }
        }
        if (count != 0) vm.value_error("unmatched '{' in format spec");
        spec = fmt.substr(spec_start, i - 1 - spec_start);
      }
    } else if (last != '}') {
      vm.value_error("expected '}' before end of string");
    }
    Value obj = lookup_field(cx, name);
    switch (conversion) {
      case 0:
        break;
      case 'r':
        obj = vm.new_str(vm.repr_str(obj));
        break;
      case 's':
        obj = vm.new_str(vm.to_str(obj));
        break;
      case 'a':
        obj = vm.new_str(text::ascii_escape(vm.repr_str(obj)));
        break;
      default: {
        std::string msg = "Unknown conversion specifier ";
        if (conversion > 32 && conversion < 127) {
          msg.push_back(static_cast<char>(conversion));
        } else {
          static constexpr char kHex[] = "0123456789abcdef";
          std::string hex;
          for (char32_t c = conversion; c; c >>= 4) hex.insert(hex.begin(), kHex[c & 15]);
          msg += "\\x" + (hex.empty() ? std::string("0") : hex);
        }
        vm.value_error(msg);
      }
    }
    if (expand) {
      std::string expanded;
      render(cx, spec, depth - 1, expanded);
      out.append(vm.format(obj, expanded));
    } else {
      out.append(vm.format(obj, spec));
    }
    vm.check_alloc(out.size());
  }
}

}  // namespace

Value str_format(VM& vm, Value fmt, CallArgs& args, Value mapping) {
  std::string f(vm.str_view(fmt));  // copy: fields may run Python code
  FormatCtx cx{vm, args, mapping};
  std::string out;
  out.reserve(f.size() + 16);
  render(cx, f, 2, out);
  return vm.new_str(std::move(out));
}

namespace text {

Value str_method_format(VM& vm, CallArgs& args) { return str_format(vm, args.self, args, Value()); }

Value str_method_format_map(VM& vm, CallArgs& args) {
  expect_one_arg(vm, args, "str.format_map");
  Value mapping = args[0];
  CallArgs none{args.self, {}, {}, {}};
  return str_format(vm, args.self, none, mapping);
}

}  // namespace text

}  // namespace monty
