// The bytes type: methods, constructor, repr, indexing and %-formatting.
//
// bytes is an immutable byte string (BytesObj::data). bytearray
// (ByteArrayObj, types/bytearray.cpp) shares all the read-only methods here:
// they read either through bview(), and results built from the receiver are
// of the receiver's type (like()), so bytearray.upper() is a bytearray. Character predicates
// and case conversions are ASCII-only, as in CPython. The search/split
// algorithms are shared with str (text_ops.h); %-formatting shares str's
// implementation with bytes semantics (%s/%b take bytes, %r/%a give ascii()).
#include <string>
#include <string_view>
#include <vector>

#include "runtime/types/registry.h"
#include "runtime/types/text_ops.h"

namespace monty {

namespace {

using text::Piece;

bool is_bspace(char32_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_blower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool is_bupper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_bdigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_balpha(unsigned char c) { return is_blower(c) || is_bupper(c); }

std::string_view bview(VM& vm, Value v) { return *bytes_like_data(vm, v); }
// bytes or bytearray (CPython's "bytes-like object" for these methods).
bool is_bytes(VM& vm, Value v) { return bytes_like_data(vm, v) != nullptr; }
bool is_bytearray(VM& vm, Value v) { return vm.is_kind(v, ObjKind::ByteArray); }

// The receiver as an unchanged result: itself for bytes, a copy for bytearray.
Value unchanged(VM& vm, Value self) {
  if (vm.is_kind(self, ObjKind::ByteArray))
    return vm.heap.make<ByteArrayObj>(vm.as<ByteArrayObj>(self)->data);
  return self;
}

// A new bytes, or bytearray when `self` is one.
Value like(VM& vm, Value self, std::string data) {
  if (is_bytearray(vm, self)) return vm.heap.make<ByteArrayObj>(std::move(data));
  return vm.new_bytes(std::move(data));
}

// "a bytes-like object is required, not 'str'"
std::string_view bytes_arg(VM& vm, Value v) {
  if (!is_bytes(vm, v))
    vm.type_error("a bytes-like object is required, not '" + vm.type_name(v) + "'");
  return bview(vm, v);
}

// The receiver itself when the result is all of it (bytes are immutable);
// a bytearray result is always a new object.
Value self_or_new(VM& vm, Value self, std::string_view whole, size_t b, size_t e) {
  if (b == 0 && e == whole.size() && !is_bytearray(vm, self)) return self;
  return like(vm, self, std::string(whole.substr(b, e - b)));
}

// The needle of find/count/index: bytes or an int in range(256).
std::string sub_arg(VM& vm, Value v) {
  if (is_bytes(vm, v)) return std::string(bview(vm, v));
  if (vm.is_integer(v) || (v.is_obj() && vm.kind(v) == ObjKind::Instance &&
                           !vm.lookup_special(v, "__index__").is_undef())) {
    int64_t c = vm.is_bigint(v) ? -1 : vm.to_index(v);
    if (c < 0 || c > 255) vm.value_error("byte must be in range(0, 256)");
    return std::string(1, static_cast<char>(c));
  }
  vm.type_error("argument should be integer or bytes-like object, not '" + vm.type_name(v) + "'");
}

// ---- case / predicates ----

template <typename F>
Value map_bytes(VM& vm, CallArgs& args, const char* qualname, F f) {
  text::expect_no_args(vm, args, qualname);
  std::string out(bview(vm, args.self));
  f(out);
  return like(vm, args.self, std::move(out));
}

Value m_lower(VM& vm, CallArgs& a) {
  return map_bytes(vm, a, "bytes.lower", [](std::string& s) {
    for (char& c : s)
      if (is_bupper(c)) c = static_cast<char>(c + 32);
  });
}
Value m_upper(VM& vm, CallArgs& a) {
  return map_bytes(vm, a, "bytes.upper", [](std::string& s) {
    for (char& c : s)
      if (is_blower(c)) c = static_cast<char>(c - 32);
  });
}
Value m_swapcase(VM& vm, CallArgs& a) {
  return map_bytes(vm, a, "bytes.swapcase", [](std::string& s) {
    for (char& c : s) {
      if (is_bupper(c)) {
        c = static_cast<char>(c + 32);
      } else if (is_blower(c)) {
        c = static_cast<char>(c - 32);
      }
    }
  });
}
Value m_title(VM& vm, CallArgs& a) {
  return map_bytes(vm, a, "bytes.title", [](std::string& s) {
    bool prev_cased = false;
    for (char& c : s) {
      unsigned char u = static_cast<unsigned char>(c);
      if (prev_cased && is_bupper(u)) c = static_cast<char>(u + 32);
      if (!prev_cased && is_blower(u)) c = static_cast<char>(u - 32);
      prev_cased = is_balpha(u);
    }
  });
}
Value m_capitalize(VM& vm, CallArgs& a) {
  return map_bytes(vm, a, "bytes.capitalize", [](std::string& s) {
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char u = static_cast<unsigned char>(s[i]);
      if (i == 0 && is_blower(u)) s[i] = static_cast<char>(u - 32);
      if (i > 0 && is_bupper(u)) s[i] = static_cast<char>(u + 32);
    }
  });
}

template <typename P>
Value all_bytes(VM& vm, CallArgs& args, const char* qualname, P pred) {
  text::expect_no_args(vm, args, qualname);
  std::string_view d = bview(vm, args.self);
  if (d.empty()) return Value::boolean(false);
  for (char c : d)
    if (!pred(static_cast<unsigned char>(c))) return Value::boolean(false);
  return Value::boolean(true);
}

Value m_isdigit(VM& vm, CallArgs& a) { return all_bytes(vm, a, "bytes.isdigit", is_bdigit); }
Value m_isalpha(VM& vm, CallArgs& a) { return all_bytes(vm, a, "bytes.isalpha", is_balpha); }
Value m_isspace(VM& vm, CallArgs& a) {
  return all_bytes(vm, a, "bytes.isspace", [](unsigned char c) { return is_bspace(c); });
}
Value m_isalnum(VM& vm, CallArgs& a) {
  return all_bytes(vm, a, "bytes.isalnum",
                   [](unsigned char c) { return is_balpha(c) || is_bdigit(c); });
}
Value m_isascii(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "bytes.isascii");
  for (char c : bview(vm, args.self))
    if (static_cast<unsigned char>(c) >= 0x80) return Value::boolean(false);
  return Value::boolean(true);
}

Value cased_check(VM& vm, CallArgs& args, const char* qualname, bool want_lower) {
  text::expect_no_args(vm, args, qualname);
  bool cased = false;
  for (char ch : bview(vm, args.self)) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (want_lower ? is_bupper(c) : is_blower(c)) return Value::boolean(false);
    if (want_lower ? is_blower(c) : is_bupper(c)) cased = true;
  }
  return Value::boolean(cased);
}
Value m_islower(VM& vm, CallArgs& a) { return cased_check(vm, a, "bytes.islower", true); }
Value m_isupper(VM& vm, CallArgs& a) { return cased_check(vm, a, "bytes.isupper", false); }

Value m_istitle(VM& vm, CallArgs& args) {
  text::expect_no_args(vm, args, "bytes.istitle");
  bool cased = false, prev_cased = false;
  for (char ch : bview(vm, args.self)) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (is_bupper(c)) {
      if (prev_cased) return Value::boolean(false);
      prev_cased = cased = true;
    } else if (is_blower(c)) {
      if (!prev_cased) return Value::boolean(false);
      prev_cased = cased = true;
    } else {
      prev_cased = false;
    }
  }
  return Value::boolean(cased);
}

// ---- searching ----

enum class FindKind { Find, RFind, Index, RIndex, Count };

Value find_impl(VM& vm, CallArgs& args, const char* qualname, FindKind kind) {
  text::expect_args_old(vm, args, qualname, 1, 3);
  std::string needle = sub_arg(vm, args[0]);
  int64_t len = static_cast<int64_t>(bview(vm, args.self).size());
  int64_t start, end;
  text::slice_bounds(vm, args, 1, len, &start, &end);
  std::string_view d = bview(vm, args.self);
  if (kind == FindKind::Count) {
    if (start > end || start > len) return Value::integer(0);
    if (needle.empty()) return Value::integer(end - start + 1);
    return Value::integer(text::count(d, needle, start, end));
  }
  int64_t result = -1;
  if (start <= end && start <= len) {
    bool reverse = kind == FindKind::RFind || kind == FindKind::RIndex;
    size_t r = reverse ? text::rfind(d, needle, start, end) : text::find(d, needle, start, end);
    if (r != text::npos) result = static_cast<int64_t>(r);
  }
  if (result < 0 && (kind == FindKind::Index || kind == FindKind::RIndex))
    vm.value_error("subsection not found");
  return Value::integer(result);
}

Value m_find(VM& vm, CallArgs& a) { return find_impl(vm, a, "bytes.find", FindKind::Find); }
Value m_rfind(VM& vm, CallArgs& a) { return find_impl(vm, a, "bytes.rfind", FindKind::RFind); }
Value m_index(VM& vm, CallArgs& a) { return find_impl(vm, a, "bytes.index", FindKind::Index); }
Value m_rindex(VM& vm, CallArgs& a) { return find_impl(vm, a, "bytes.rindex", FindKind::RIndex); }
Value m_count(VM& vm, CallArgs& a) { return find_impl(vm, a, "bytes.count", FindKind::Count); }

Value starts_ends(VM& vm, CallArgs& args, const char* qualname, bool ends) {
  text::expect_args_old(vm, args, qualname, 1, 3);
  int64_t len = static_cast<int64_t>(bview(vm, args.self).size());
  int64_t start, end;
  text::slice_bounds(vm, args, 1, len, &start, &end);
  std::string_view d = bview(vm, args.self);
  std::string name = std::string(qualname).substr(6);
  auto test = [&](std::string_view pre) {
    if (start > len || end < start) return false;
    if (static_cast<size_t>(end - start) < pre.size()) return false;
    return ends ? d.substr(end - pre.size(), pre.size()) == pre
                : d.substr(start, pre.size()) == pre;
  };
  Value p = args[0];
  if (is_bytes(vm, p)) return Value::boolean(test(bview(vm, p)));
  if (vm.is_tuple(p)) {
    std::vector<Value> items = vm.as<TupleObj>(p)->items;
    for (Value item : items)
      if (test(bytes_arg(vm, item))) return Value::boolean(true);
    return Value::boolean(false);
  }
  vm.type_error(name + " first arg must be bytes or a tuple of bytes, not " + vm.type_name(p));
}

Value m_startswith(VM& vm, CallArgs& a) { return starts_ends(vm, a, "bytes.startswith", false); }
Value m_endswith(VM& vm, CallArgs& a) { return starts_ends(vm, a, "bytes.endswith", true); }

// ---- padding ----

Value justify(VM& vm, CallArgs& args, const char* qualname, char how) {
  text::expect_args_new(vm, args, qualname, 1, 2);
  int64_t width = vm.to_index(args[0]);
  char fill = ' ';
  std::string name = std::string(qualname).substr(6);
  if (args.size() > 1) {
    Value f = args[1];
    if (!is_bytes(vm, f) || bview(vm, f).size() != 1)
      vm.type_error(name + "() argument 2 must be a byte string of length 1, not " +
                    vm.type_name(f));
    fill = bview(vm, f)[0];
  }
  std::string_view d = bview(vm, args.self);
  int64_t len = static_cast<int64_t>(d.size());
  if (width <= len) return unchanged(vm, args.self);
  vm.check_alloc(static_cast<uint64_t>(width));
  int64_t marg = width - len;
  int64_t left = how == '<' ? 0 : how == '>' ? marg : marg / 2 + (marg & width & 1);
  std::string out;
  out.reserve(width);
  out.append(static_cast<size_t>(left), fill);
  out.append(d);
  out.append(static_cast<size_t>(marg - left), fill);
  return like(vm, args.self, std::move(out));
}

Value m_center(VM& vm, CallArgs& a) { return justify(vm, a, "bytes.center", '^'); }
Value m_ljust(VM& vm, CallArgs& a) { return justify(vm, a, "bytes.ljust", '<'); }
Value m_rjust(VM& vm, CallArgs& a) { return justify(vm, a, "bytes.rjust", '>'); }

Value m_zfill(VM& vm, CallArgs& args) {
  text::expect_one_arg(vm, args, "bytes.zfill");
  int64_t width = vm.to_index(args[0]);
  std::string_view d = bview(vm, args.self);
  if (width <= static_cast<int64_t>(d.size())) return unchanged(vm, args.self);
  vm.check_alloc(static_cast<uint64_t>(width));
  std::string out;
  out.reserve(width);
  if (!d.empty() && (d[0] == '+' || d[0] == '-')) {
    out.push_back(d[0]);
    d.remove_prefix(1);
  }
  out.append(static_cast<size_t>(width) - d.size() - out.size(), '0');
  out.append(d);
  return like(vm, args.self, std::move(out));
}

Value m_expandtabs(VM& vm, CallArgs& args) {
  Value a[1];
  text::bind_builtin(vm, args, "expandtabs", {"tabsize"}, 0, 0, a);
  int64_t tab = a[0].is_undef() ? 8 : vm.to_c_int(a[0]);
  std::string_view d = bview(vm, args.self);
  if (d.find('\t') == std::string_view::npos) return unchanged(vm, args.self);
  std::string out;
  int64_t col = 0;
  for (char c : d) {
    if (c == '\t') {
      if (tab > 0) {
        int64_t n = tab - col % tab;
        vm.check_alloc(out.size() + static_cast<uint64_t>(n));
        out.append(static_cast<size_t>(n), ' ');
        col += n;
      }
    } else {
      out.push_back(c);
      ++col;
      if (c == '\n' || c == '\r') col = 0;
    }
  }
  return like(vm, args.self, std::move(out));
}

// ---- strip / split / join ----

Value strip_impl(VM& vm, CallArgs& args, const char* qualname, int mode) {
  text::expect_args_new(vm, args, qualname, 0, 1);
  std::string_view d = bview(vm, args.self);
  Piece p;
  if (args.size() == 0 || args[0].is_none()) {
    p = text::strip<false>(d, mode, is_bspace);
  } else {
    std::string_view chars = bytes_arg(vm, args[0]);
    bool set[256] = {};
    for (char c : chars) set[static_cast<unsigned char>(c)] = true;
    p = text::strip<false>(d, mode, [&](char32_t c) { return set[c]; });
  }
  return self_or_new(vm, args.self, d, p.begin, p.end);
}

Value m_strip(VM& vm, CallArgs& a) { return strip_impl(vm, a, "bytes.strip", 3); }
Value m_lstrip(VM& vm, CallArgs& a) { return strip_impl(vm, a, "bytes.lstrip", 1); }
Value m_rstrip(VM& vm, CallArgs& a) { return strip_impl(vm, a, "bytes.rstrip", 2); }

Value pieces_to_list(VM& vm, Value self, const std::vector<Piece>& pieces) {
  std::string_view d = bview(vm, self);
  std::vector<Value> items;
  items.reserve(pieces.size());
  for (const Piece& p : pieces) items.push_back(self_or_new(vm, self, d, p.begin, p.end));
  return vm.new_list(std::move(items));
}

Value split_impl(VM& vm, CallArgs& args, const char* fname, bool right) {
  Value a[2];
  text::bind_builtin(vm, args, fname, {"sep", "maxsplit"}, 0, 0, a);
  int64_t maxsplit = a[1].is_undef() ? -1 : vm.to_index(a[1]);
  if (maxsplit < 0) maxsplit = -1;
  std::string_view d = bview(vm, args.self);
  std::vector<Piece> pieces;
  if (a[0].is_undef() || a[0].is_none()) {
    right ? text::rsplit_ws<false>(d, maxsplit, is_bspace, pieces)
          : text::split_ws<false>(d, maxsplit, is_bspace, pieces);
  } else {
    std::string_view sep = bytes_arg(vm, a[0]);
    if (sep.empty()) vm.value_error("empty separator");
    right ? text::rsplit_sep(d, sep, maxsplit, pieces) : text::split_sep(d, sep, maxsplit, pieces);
  }
  return pieces_to_list(vm, args.self, pieces);
}

Value m_split(VM& vm, CallArgs& a) { return split_impl(vm, a, "split", false); }
Value m_rsplit(VM& vm, CallArgs& a) { return split_impl(vm, a, "rsplit", true); }

Value m_splitlines(VM& vm, CallArgs& args) {
  Value a[1];
  text::bind_builtin(vm, args, "splitlines", {"keepends"}, 0, 0, a);
  bool keep = false;
  // keepends is an int parameter: bools and ints, or __index__.
  if (!a[0].is_undef()) keep = vm.to_c_int(a[0]) != 0;
  std::string_view d = bview(vm, args.self);
  std::vector<Piece> pieces;
  size_t i = 0, start = 0;
  while (i < d.size()) {
    char c = d[i++];
    if (c != '\n' && c != '\r') continue;
    size_t at = i - 1;
    if (c == '\r' && i < d.size() && d[i] == '\n') ++i;
    pieces.push_back({start, keep ? i : at});
    start = i;
  }
  if (start < d.size()) pieces.push_back({start, d.size()});
  return pieces_to_list(vm, args.self, pieces);
}

Value m_join(VM& vm, CallArgs& args) {
  text::expect_one_arg(vm, args, "bytes.join");
  Value iterable = args[0];
  bool ok = false;
  if (iterable.is_obj()) {
    ObjKind k = vm.kind(iterable);
    if (k == ObjKind::Instance || k == ObjKind::Class) {
      ok = !vm.lookup_special(iterable, "__iter__").is_undef() ||
           !vm.lookup_special(iterable, "__getitem__").is_undef();
    } else {
      ok = k == ObjKind::List || k == ObjKind::Tuple || k == ObjKind::Generator ||
           !builtin_iter(vm, iterable).is_undef();
    }
  }
  if (!ok) vm.type_error("can only join an iterable");
  std::vector<Value> items = vm.to_vector(iterable);
  std::string_view sep = bview(vm, args.self);
  uint64_t total = 0;
  for (size_t k = 0; k < items.size(); ++k) {
    if (!is_bytes(vm, items[k]))
      vm.type_error("sequence item " + std::to_string(k) + ": expected a bytes-like object, " +
                    vm.type_name(items[k]) + " found");
    total += bview(vm, items[k]).size() + (k ? sep.size() : 0);
  }
  vm.check_alloc(total);
  std::string out;
  out.reserve(total);
  for (size_t k = 0; k < items.size(); ++k) {
    if (k) out.append(sep);
    out.append(bview(vm, items[k]));
  }
  return like(vm, args.self, std::move(out));
}

Value partition_impl(VM& vm, CallArgs& args, const char* qualname, bool right) {
  text::expect_one_arg(vm, args, qualname);
  std::string_view sep = bytes_arg(vm, args[0]);
  if (sep.empty()) vm.value_error("empty separator");
  std::string_view d = bview(vm, args.self);
  size_t r = right ? d.rfind(sep) : d.find(sep);
  Value empty = like(vm, args.self, std::string());
  if (r == std::string_view::npos)
    return right ? vm.new_tuple({empty, empty, unchanged(vm, args.self)})
                 : vm.new_tuple({unchanged(vm, args.self), empty, empty});
  Value a = like(vm, args.self, std::string(d.substr(0, r)));
  Value c = like(vm, args.self, std::string(d.substr(r + sep.size())));
  Value sep_out = is_bytearray(vm, args.self) ? like(vm, args.self, std::string(sep)) : args[0];
  return vm.new_tuple({a, sep_out, c});
}

Value m_partition(VM& vm, CallArgs& a) { return partition_impl(vm, a, "bytes.partition", false); }
Value m_rpartition(VM& vm, CallArgs& a) { return partition_impl(vm, a, "bytes.rpartition", true); }

Value m_replace(VM& vm, CallArgs& args) {
  text::expect_args_new(vm, args, "bytes.replace", 2, 3);
  std::string_view old = bytes_arg(vm, args[0]);
  std::string_view rep = bytes_arg(vm, args[1]);
  int64_t limit = args.size() > 2 ? vm.to_index(args[2]) : -1;
  std::string_view d = bview(vm, args.self);
  if (limit == 0) return unchanged(vm, args.self);
  if (old.empty()) {
    uint64_t slots = d.size() + 1;
    if (limit >= 0 && static_cast<uint64_t>(limit) < slots) slots = limit;
    vm.check_alloc(d.size() + slots * rep.size());
    std::string out;
    out.reserve(d.size() + slots * rep.size());
    size_t i = 0;
    for (uint64_t done = 0; done < slots; ++done) {
      out.append(rep);
      if (i >= d.size()) break;
      out.push_back(d[i++]);
    }
    out.append(d.substr(i));
    return like(vm, args.self, std::move(out));
  }
  if (d.find(old) == std::string_view::npos) return unchanged(vm, args.self);
  return like(vm, args.self, text::replace(vm, d, old, rep, limit));
}

Value affix_impl(VM& vm, CallArgs& args, const char* qualname, bool suffix) {
  text::expect_one_arg(vm, args, qualname);
  std::string_view a = bytes_arg(vm, args[0]);
  std::string_view d = bview(vm, args.self);
  if (a.empty() || a.size() > d.size()) return unchanged(vm, args.self);
  if (suffix) {
    if (d.substr(d.size() - a.size()) != a) return unchanged(vm, args.self);
    return like(vm, args.self, std::string(d.substr(0, d.size() - a.size())));
  }
  if (d.substr(0, a.size()) != a) return unchanged(vm, args.self);
  return like(vm, args.self, std::string(d.substr(a.size())));
}

Value m_removeprefix(VM& vm, CallArgs& a) { return affix_impl(vm, a, "bytes.removeprefix", false); }
Value m_removesuffix(VM& vm, CallArgs& a) { return affix_impl(vm, a, "bytes.removesuffix", true); }

// ---- conversions ----

Value m_decode(VM& vm, CallArgs& args) {
  Value a[2];
  text::bind_builtin(vm, args, "decode", {"encoding", "errors"}, 0, 0, a);
  std::string_view enc = text::codec_arg(vm, a[0], "decode", "encoding", "utf-8");
  std::string_view errors = text::codec_arg(vm, a[1], "decode", "errors", "strict");
  text::Codec codec = text::lookup_codec(vm, enc);
  return vm.new_str(text::decode_bytes(vm, bview(vm, args.self), codec, errors));
}

Value m_hex(VM& vm, CallArgs& args) {
  Value a[2];
  text::bind_builtin(vm, args, "hex", {"sep", "bytes_per_sep"}, 0, 0, a);
  std::string_view d = bview(vm, args.self);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string sep;
  if (!a[0].is_undef() && !a[0].is_none()) {
    if (vm.is_str(a[0])) {
      if (vm.as<StrObj>(a[0])->length != 1) vm.value_error("sep must be length 1.");
      sep = vm.str_view(a[0]);
      if (static_cast<unsigned char>(sep[0]) >= 0x80) vm.value_error("sep must be ASCII.");
    } else if (is_bytes(vm, a[0])) {
      sep = bview(vm, a[0]);
      if (sep.size() != 1) vm.value_error("sep must be length 1.");
    } else {
      vm.type_error("object of type '" + vm.type_name(a[0]) + "' has no len()");
    }
  }
  int64_t group = a[1].is_undef() ? 1 : vm.to_index(a[1]);
  std::string out;
  out.reserve(d.size() * 3);
  size_t n = d.size();
  uint64_t g = group < 0 ? static_cast<uint64_t>(-group) : static_cast<uint64_t>(group);
  for (size_t i = 0; i < n; ++i) {
    if (!sep.empty() && i > 0 && g > 0) {
      // Positive groups count from the right, negative from the left.
      bool boundary = group > 0 ? (n - i) % g == 0 : i % g == 0;
      if (boundary) out += sep;
    }
    unsigned char b = static_cast<unsigned char>(d[i]);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return vm.new_str(std::move(out));
}

int hex_val(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Value m_fromhex(VM& vm, CallArgs& args) {
  text::expect_one_arg(vm, args, "bytes.fromhex");
  if (!vm.is_str(args[0]))
    vm.type_error("fromhex() argument must be str, not " + vm.type_name(args[0]));
  const StrObj* o = vm.as<StrObj>(args[0]);
  std::string_view s = o->data;
  std::string out;
  out.reserve(s.size() / 2);
  // Positions in the message are code point indices; non-ASCII text fails at
  // its first non-ASCII character anyway, so byte offsets up to there agree.
  size_t i = 0;
  auto fail = [&](size_t at) {
    int64_t pos = 0;
    for (size_t k = 0; k < at; ++k) pos += !text::is_cont(static_cast<unsigned char>(s[k]));
    vm.value_error("non-hexadecimal number found in fromhex() arg at position " +
                   std::to_string(pos));
  };
  while (i < s.size()) {
    if (is_bspace(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    int hi = hex_val(s[i]);
    if (hi < 0) fail(i);
    if (i + 1 >= s.size()) fail(i + 1);
    int lo = hex_val(s[i + 1]);
    if (lo < 0) fail(i + 1);
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  // A class method: bytearray.fromhex makes a bytearray.
  if (args.self.is_type() && args.self.id == static_cast<uint32_t>(BuiltinTypeId::ByteArray))
    return vm.heap.make<ByteArrayObj>(std::move(out));
  return vm.new_bytes(std::move(out));
}

Value m_fromhex_on_class(VM& vm, CallArgs& args) {
  return subclass_result(vm, args.self, m_fromhex(vm, args));
}

Value m_maketrans(VM& vm, CallArgs& args) {
  text::expect_args_new(vm, args, "bytes.maketrans", 2, 2);
  std::string_view from = bytes_arg(vm, args[0]);
  std::string_view to = bytes_arg(vm, args[1]);
  if (from.size() != to.size()) vm.value_error("maketrans arguments must have same length");
  std::string table(256, '\0');
  for (int c = 0; c < 256; ++c) table[c] = static_cast<char>(c);
  for (size_t k = 0; k < from.size(); ++k) table[static_cast<unsigned char>(from[k])] = to[k];
  return vm.new_bytes(std::move(table));
}

Value m_translate(VM& vm, CallArgs& args) {
  Value a[2];
  text::bind_builtin(vm, args, "translate", {"table", "delete"}, 1, 1, a);
  std::string_view table;
  bool has_table = !a[0].is_none();
  if (has_table) {
    table = bytes_arg(vm, a[0]);
    if (table.size() != 256) vm.value_error("translation table must be 256 characters long");
  }
  bool del[256] = {};
  if (!a[1].is_undef())
    for (char c : bytes_arg(vm, a[1])) del[static_cast<unsigned char>(c)] = true;
  std::string_view d = bview(vm, args.self);
  std::string out;
  out.reserve(d.size());
  for (char c : d) {
    unsigned char u = static_cast<unsigned char>(c);
    if (del[u]) continue;
    out.push_back(has_table ? table[u] : c);
  }
  return like(vm, args.self, std::move(out));
}

constexpr MethodDef kBytesMethodTable[] = {
    {"capitalize", m_capitalize},
    {"center", m_center},
    {"count", m_count},
    {"decode", m_decode},
    {"endswith", m_endswith},
    {"expandtabs", m_expandtabs},
    {"find", m_find},
    {"fromhex", m_fromhex_on_class, MethodKind::Class},
    {"hex", m_hex},
    {"index", m_index},
    {"isalnum", m_isalnum},
    {"isalpha", m_isalpha},
    {"isascii", m_isascii},
    {"isdigit", m_isdigit},
    {"islower", m_islower},
    {"isspace", m_isspace},
    {"istitle", m_istitle},
    {"isupper", m_isupper},
    {"join", m_join},
    {"ljust", m_ljust},
    {"lower", m_lower},
    {"lstrip", m_lstrip},
    {"maketrans", m_maketrans, MethodKind::Static},
    {"partition", m_partition},
    {"removeprefix", m_removeprefix},
    {"removesuffix", m_removesuffix},
    {"replace", m_replace},
    {"rfind", m_rfind},
    {"rindex", m_rindex},
    {"rjust", m_rjust},
    {"rpartition", m_rpartition},
    {"rsplit", m_rsplit},
    {"rstrip", m_rstrip},
    {"split", m_split},
    {"splitlines", m_splitlines},
    {"startswith", m_startswith},
    {"strip", m_strip},
    {"swapcase", m_swapcase},
    {"title", m_title},
    {"translate", m_translate},
    {"upper", m_upper},
    {"zfill", m_zfill},
};

}  // namespace

const std::span<const MethodDef> kBytesMethods = kBytesMethodTable;

// ---- repr / indexing / contains -------------------------------------------------

std::string bytes_repr(std::string_view raw) {
  bool has_single = raw.find('\'') != std::string_view::npos;
  bool has_double = raw.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() + 3);
  out += 'b';
  out += quote;
  for (char ch : raw) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  out += quote;
  return out;
}

Value bytes_getitem(VM& vm, Value b, Value key) {
  int64_t len = static_cast<int64_t>(bview(vm, b).size());
  if (key.is_int() || key.is_bool() || vm.is_bigint(key) ||
      (key.is_obj() && vm.kind(key) == ObjKind::Instance &&
       !vm.lookup_special(key, "__index__").is_undef())) {
    int64_t i = vm.to_subscript_index(key);
    if (i < 0) i += len;
    if (i < 0 || i >= len)
      vm.index_error(is_bytearray(vm, b) ? "bytearray index out of range" : "index out of range");
    return Value::integer(static_cast<unsigned char>(bview(vm, b)[static_cast<size_t>(i)]));
  }
  if (!vm.is_kind(key, ObjKind::Slice))
    vm.type_error("byte indices must be integers or slices, not " + vm.type_name(key));
  int64_t start, stop, step;
  int64_t n = slice_indices(vm, key, len, &start, &stop, &step);
  std::string_view d = bview(vm, b);
  if (n <= 0) return like(vm, b, std::string());
  if (step == 1) {
    if (n == len) return unchanged(vm, b);
    return like(vm, b, std::string(d.substr(start, n)));
  }
  std::string out;
  out.reserve(n);
  for (int64_t k = 0, i = start; k < n; ++k, i += step) out.push_back(d[i]);
  return like(vm, b, std::move(out));
}

bool bytes_contains(VM& vm, Value b, Value sub) {
  if (is_bytes(vm, sub)) return bview(vm, b).find(bview(vm, sub)) != std::string_view::npos;
  if (vm.is_integer(sub) || (sub.is_obj() && vm.kind(sub) == ObjKind::Instance &&
                             !vm.lookup_special(sub, "__index__").is_undef())) {
    int64_t c = vm.is_bigint(sub) ? -1 : vm.to_index(sub);
    if (c < 0 || c > 255) vm.value_error("byte must be in range(0, 256)");
    return bview(vm, b).find(static_cast<char>(c)) != std::string_view::npos;
  }
  vm.type_error("a bytes-like object is required, not '" + vm.type_name(sub) + "'");
}

Value bytes_percent(VM& vm, Value fmt, Value args) {
  std::string f(bview(vm, fmt));  // copy: formatting may run Python code
  return like(vm, fmt, text::percent_format(vm, f, args, true));
}

// ---- constructor ------------------------------------------------------------------

Value construct_bytes(VM& vm, CallArgs& args) {
  Value a[3];
  text::bind_builtin(vm, args, "bytes", {"source", "encoding", "errors"}, 0, 0, a);
  Value src = a[0];
  if (!a[1].is_undef() || !a[2].is_undef()) {
    if (!vm.is_str(src)) {
      vm.type_error(a[1].is_undef() ? "errors without a string argument"
                                    : "encoding without a string argument");
    }
    std::string_view enc = text::codec_arg(vm, a[1], "bytes", "encoding", "utf-8");
    std::string_view errors = text::codec_arg(vm, a[2], "bytes", "errors", "strict");
    if (a[1].is_undef()) vm.type_error("string argument without an encoding");
    text::Codec codec = text::lookup_codec(vm, enc);
    return vm.new_bytes(text::encode_text(vm, vm.str_view(src), codec, errors));
  }
  if (src.is_undef()) return vm.new_bytes(std::string());
  if (vm.is_kind(src, ObjKind::Bytes)) return src;
  if (is_bytearray(vm, src)) return vm.new_bytes(vm.as<ByteArrayObj>(src)->data);
  if (vm.is_str(src)) vm.type_error("string argument without an encoding");
  if (src.is_obj() && vm.kind(src) == ObjKind::Instance) {
    if (!vm.lookup_special(src, "__bytes__").is_undef()) {
      Value r = vm.call_method(src, "__bytes__");
      if (!is_bytes(vm, r))
        vm.type_error("__bytes__ returned non-bytes (type " + vm.type_name(r) + ")");
      return r;
    }
  }
  // bytes(n): n zero bytes.
  if (vm.is_integer(src) || (src.is_obj() && vm.kind(src) == ObjKind::Instance &&
                             !vm.lookup_special(src, "__index__").is_undef())) {
    if (vm.is_bigint(src)) {
      if (vm.as<BigIntObj>(src)->value.is_negative()) vm.value_error("negative count");
      vm.raise(BuiltinTypeId::OverflowError, "cannot fit 'int' into an index-sized integer");
    }
    int64_t n = vm.to_index(src);
    if (n < 0) vm.value_error("negative count");
    vm.check_alloc(static_cast<uint64_t>(n));
    return vm.new_bytes(std::string(static_cast<size_t>(n), '\0'));
  }
  // Any iterable of ints in range(256).
  bool iterable = false;
  if (src.is_obj()) {
    ObjKind k = vm.kind(src);
    if (k == ObjKind::Instance) {
      iterable = !vm.lookup_special(src, "__iter__").is_undef() ||
                 !vm.lookup_special(src, "__getitem__").is_undef();
    } else {
      iterable = k == ObjKind::List || k == ObjKind::Tuple || k == ObjKind::Generator ||
                 !builtin_iter(vm, src).is_undef();
    }
  }
  if (!iterable) vm.type_error("cannot convert '" + vm.type_name(src) + "' object to bytes");
  std::string out;
  auto add = [&](Value v) {
    int64_t c;
    if (v.is_int() || v.is_bool()) {
      c = v.i;
    } else if (vm.is_bigint(v)) {
      c = -1;
    } else {
      c = vm.to_index(v);
    }
    if (c < 0 || c > 255) vm.value_error("bytes must be in range(0, 256)");
    out.push_back(static_cast<char>(c));
  };
  if (vm.is_list(src) || vm.is_tuple(src)) {
    // Index loop: to_index may run Python code that mutates the list.
    for (size_t i = 0;; ++i) {
      const std::vector<Value>& items =
          vm.is_list(src) ? vm.as<ListObj>(src)->items : vm.as<TupleObj>(src)->items;
      if (i >= items.size()) break;
      add(items[i]);
    }
  } else {
    vm.for_each(src, add);
  }
  return vm.new_bytes(std::move(out));
}

}  // namespace monty
