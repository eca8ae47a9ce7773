#include "msgpack_codec.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

namespace monty_wasm {

using monty::Object;

// ---- Writer ---------------------------------------------------------------------

void Writer::be(uint64_t v, int n) {
  for (int i = n - 1; i >= 0; --i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void Writer::header(uint8_t fix_base, uint8_t fix_max, uint8_t op8, uint8_t op16, uint8_t op32,
                    uint32_t n) {
  if (n <= fix_max) {
    out_.push_back(static_cast<char>(fix_base | n));
  } else if (op8 != 0 && n <= 0xff) {
    out_.push_back(static_cast<char>(op8));
    be(n, 1);
  } else if (n <= 0xffff) {
    out_.push_back(static_cast<char>(op16));
    be(n, 2);
  } else {
    out_.push_back(static_cast<char>(op32));
    be(n, 4);
  }
}

void Writer::integer(int64_t v) {
  if (v >= 0) {
    if (v < 128) {
      out_.push_back(static_cast<char>(v));
    } else if (v <= 0xff) {
      out_.push_back('\xcc');
      be(static_cast<uint64_t>(v), 1);
    } else if (v <= 0xffff) {
      out_.push_back('\xcd');
      be(static_cast<uint64_t>(v), 2);
    } else if (v <= 0xffffffffLL) {
      out_.push_back('\xce');
      be(static_cast<uint64_t>(v), 4);
    } else {
      out_.push_back('\xcf');
      be(static_cast<uint64_t>(v), 8);
    }
    return;
  }
  if (v >= -32) {
    out_.push_back(static_cast<char>(v));
  } else if (v >= INT8_MIN) {
    out_.push_back('\xd0');
    be(static_cast<uint64_t>(v), 1);
  } else if (v >= INT16_MIN) {
    out_.push_back('\xd1');
    be(static_cast<uint64_t>(v), 2);
  } else if (v >= INT32_MIN) {
    out_.push_back('\xd2');
    be(static_cast<uint64_t>(v), 4);
  } else {
    out_.push_back('\xd3');
    be(static_cast<uint64_t>(v), 8);
  }
}

void Writer::floating(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  out_.push_back('\xcb');
  be(bits, 8);
}

void Writer::str(std::string_view s) {
  header(0xa0, 31, 0xd9, 0xda, 0xdb, static_cast<uint32_t>(s.size()));
  out_.append(s);
}

void Writer::bin(std::string_view b) {
  // bin has no fix form: fix_max 0 with base 0 would collide, so start at bin8.
  const auto n = static_cast<uint32_t>(b.size());
  if (n <= 0xff) {
    out_.push_back('\xc4');
    be(n, 1);
  } else if (n <= 0xffff) {
    out_.push_back('\xc5');
    be(n, 2);
  } else {
    out_.push_back('\xc6');
    be(n, 4);
  }
  out_.append(b);
}

void Writer::array_header(uint32_t n) { header(0x90, 15, 0, 0xdc, 0xdd, n); }
void Writer::map_header(uint32_t n) { header(0x80, 15, 0, 0xde, 0xdf, n); }

void Writer::ext(Ext type, std::string_view payload) {
  const auto n = static_cast<uint32_t>(payload.size());
  if (n <= 0xff) {
    out_.push_back('\xc7');
    be(n, 1);
  } else if (n <= 0xffff) {
    out_.push_back('\xc8');
    be(n, 2);
  } else {
    out_.push_back('\xc9');
    be(n, 4);
  }
  out_.push_back(static_cast<char>(type));
  out_.append(payload);
}

void Writer::value(const Object& o) {
  // Containers inside an extension payload are encoded into a nested writer:
  // the payload length has to be known before the payload.
  const auto sequence_ext = [&](Ext type) {
    Writer inner;
    inner.array_header(static_cast<uint32_t>(o.items().size()));
    for (const Object& item : o.items()) inner.value(item);
    ext(type, inner.bytes());
  };
  switch (o.kind()) {
    case Object::Kind::None:
      nil();
      return;
    case Object::Kind::Bool:
      boolean(o.as_bool());
      return;
    case Object::Kind::Int:
      integer(o.as_int());
      return;
    case Object::Kind::BigInt:
      ext(Ext::BigInt, o.text());
      return;
    case Object::Kind::Float:
      floating(o.as_float());
      return;
    case Object::Kind::Str:
      str(o.text());
      return;
    case Object::Kind::Bytes:
      bin(o.text());
      return;
    case Object::Kind::List:
      array_header(static_cast<uint32_t>(o.items().size()));
      for (const Object& item : o.items()) value(item);
      return;
    case Object::Kind::Tuple:
      sequence_ext(Ext::Tuple);
      return;
    case Object::Kind::Dict:
      map_header(static_cast<uint32_t>(o.items().size() / 2));
      for (const Object& item : o.items()) value(item);
      return;
    case Object::Kind::Set:
      sequence_ext(Ext::Set);
      return;
    case Object::Kind::FrozenSet:
      sequence_ext(Ext::FrozenSet);
      return;
    case Object::Kind::Ellipsis:
      ext(Ext::Ellipsis, {});
      return;
    case Object::Kind::Repr:
      // Core exports Ellipsis as a repr-only value; give JS the real thing.
      if (o.text() == "Ellipsis") {
        ext(Ext::Ellipsis, {});
      } else {
        ext(Ext::Repr, o.text());
      }
      return;
  }
}

// ---- Reader ---------------------------------------------------------------------

bool Reader::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message) + " at byte " + std::to_string(pos_);
  return false;
}

bool Reader::need(size_t n) {
  if (data_.size() - pos_ < n) return fail("truncated MessagePack");
  return true;
}

uint64_t Reader::be(int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(data_[pos_++]);
  return v;
}

bool Reader::is_nil() const { return pos_ < data_.size() && data_[pos_] == '\xc0'; }

bool Reader::skip_nil() {
  if (!is_nil()) return false;
  ++pos_;
  return true;
}

std::optional<uint32_t> Reader::array_header() {
  if (!need(1)) return std::nullopt;
  const auto b = static_cast<uint8_t>(data_[pos_]);
  if ((b & 0xf0) == 0x90) {
    ++pos_;
    return b & 0x0f;
  }
  if (b == 0xdc || b == 0xdd) {
    ++pos_;
    const int n = b == 0xdc ? 2 : 4;
    if (!need(n)) return std::nullopt;
    return static_cast<uint32_t>(be(n));
  }
  fail("expected an array");
  return std::nullopt;
}

std::optional<std::string> Reader::str() {
  std::optional<Object> o = value_at(kMaxDepth);  // a string has no children
  if (!o) return std::nullopt;
  if (o->kind() != Object::Kind::Str) {
    fail("expected a string");
    return std::nullopt;
  }
  return o->text();
}

std::optional<int64_t> Reader::integer() {
  std::optional<Object> o = value_at(kMaxDepth);
  if (!o) return std::nullopt;
  if (o->kind() != Object::Kind::Int) {
    fail("expected an integer");
    return std::nullopt;
  }
  return o->as_int();
}

std::optional<double> Reader::number() {
  std::optional<Object> o = value_at(kMaxDepth);
  if (!o) return std::nullopt;
  if (o->kind() == Object::Kind::Int) return static_cast<double>(o->as_int());
  if (o->kind() == Object::Kind::Float) return o->as_float();
  fail("expected a number");
  return std::nullopt;
}

std::optional<Object> Reader::value_at(int depth) {
  if (depth > kMaxDepth) {
    fail("value nested more than " + std::to_string(kMaxDepth) + " levels deep");
    return std::nullopt;
  }
  if (!need(1)) return std::nullopt;
  const auto b = static_cast<uint8_t>(data_[pos_++]);

  const auto text = [&](uint64_t n, bool is_str) -> std::optional<Object> {
    if (!need(n)) return std::nullopt;
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return is_str ? Object::str(std::move(s)) : Object::bytes(std::move(s));
  };
  const auto items = [&](uint64_t n) -> std::optional<std::vector<Object>> {
    // Every item takes at least one byte: a count beyond the bytes left is a lie
    // and must not drive a huge reserve().
    if (!need(n)) return std::nullopt;
    std::vector<Object> out;
    out.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      std::optional<Object> item = value_at(depth + 1);
      if (!item) return std::nullopt;
      out.push_back(std::move(*item));
    }
    return out;
  };
  const auto map = [&](uint64_t n) -> std::optional<Object> {
    if (!need(n * 2)) return std::nullopt;
    std::vector<std::pair<Object, Object>> out;
    out.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      std::optional<Object> k = value_at(depth + 1);
      if (!k) return std::nullopt;
      std::optional<Object> v = value_at(depth + 1);
      if (!v) return std::nullopt;
      out.emplace_back(std::move(*k), std::move(*v));
    }
    return Object::dict(std::move(out));
  };
  const auto extension = [&](uint64_t n) -> std::optional<Object> {
    if (!need(n + 1)) return std::nullopt;
    const auto type = static_cast<Ext>(static_cast<int8_t>(data_[pos_++]));
    const std::string_view payload = data_.substr(pos_, n);
    pos_ += n;
    switch (type) {
      case Ext::BigInt: {
        size_t digits_from = !payload.empty() && payload[0] == '-' ? 1 : 0;
        if (payload.size() == digits_from) break;
        for (size_t i = digits_from; i < payload.size(); ++i) {
          if (payload[i] < '0' || payload[i] > '9') {
            fail("malformed big integer");
            return std::nullopt;
          }
        }
        return Object::big_integer(std::string(payload));
      }
      case Ext::Ellipsis:
        if (!payload.empty()) break;
        return Object::repr_only("Ellipsis");
      case Ext::Repr:
        return Object::repr_only(std::string(payload));
      case Ext::Tuple:
      case Ext::Set:
      case Ext::FrozenSet: {
        Reader inner(payload);
        std::optional<uint32_t> count = inner.array_header();
        std::optional<std::vector<Object>> elems;
        if (count) {
          // The nested reader continues this one's depth count.
          elems = std::vector<Object>();
          elems->reserve(std::min<size_t>(*count, payload.size()));
          for (uint32_t i = 0; i < *count && elems; ++i) {
            std::optional<Object> item = inner.value_at(depth + 1);
            if (item) {
              elems->push_back(std::move(*item));
            } else {
              elems.reset();
            }
          }
        }
        if (!elems || !inner.at_end()) {
          fail("malformed extension payload" +
               (inner.error().empty() ? std::string() : " (" + inner.error() + ")"));
          return std::nullopt;
        }
        if (type == Ext::Tuple) return Object::tuple(std::move(*elems));
        if (type == Ext::Set) return Object::set(std::move(*elems));
        return Object::frozenset(std::move(*elems));
      }
    }
    fail("unknown or malformed extension type " + std::to_string(static_cast<int>(type)));
    return std::nullopt;
  };
  const auto sized = [&](int n) -> std::optional<uint64_t> {
    if (!need(n)) return std::nullopt;
    return be(n);
  };

  if (b <= 0x7f) return Object::integer(b);
  if (b >= 0xe0) return Object::integer(static_cast<int8_t>(b));
  if ((b & 0xe0) == 0xa0) return text(b & 0x1f, true);
  if ((b & 0xf0) == 0x90) {
    auto v = items(b & 0x0f);
    if (!v) return std::nullopt;
    return Object::list(std::move(*v));
  }
  if ((b & 0xf0) == 0x80) return map(b & 0x0f);

  std::optional<uint64_t> n;
  switch (b) {
    case 0xc0:
      return Object::none();
    case 0xc2:
      return Object::boolean(false);
    case 0xc3:
      return Object::boolean(true);
    case 0xcc:
    case 0xcd:
    case 0xce:
    case 0xcf: {
      n = sized(1 << (b - 0xcc));
      if (!n) return std::nullopt;
      if (*n > static_cast<uint64_t>(INT64_MAX)) return Object::big_integer(std::to_string(*n));
      return Object::integer(static_cast<int64_t>(*n));
    }
    case 0xd0:
      if (!(n = sized(1))) return std::nullopt;
      return Object::integer(static_cast<int8_t>(*n));
    case 0xd1:
      if (!(n = sized(2))) return std::nullopt;
      return Object::integer(static_cast<int16_t>(*n));
    case 0xd2:
      if (!(n = sized(4))) return std::nullopt;
      return Object::integer(static_cast<int32_t>(*n));
    case 0xd3:
      if (!(n = sized(8))) return std::nullopt;
      return Object::integer(static_cast<int64_t>(*n));
    case 0xca: {
      if (!(n = sized(4))) return std::nullopt;
      float f;
      const auto bits = static_cast<uint32_t>(*n);
      std::memcpy(&f, &bits, sizeof f);
      return Object::floating(f);
    }
    case 0xcb: {
      if (!(n = sized(8))) return std::nullopt;
      double d;
      std::memcpy(&d, &*n, sizeof d);
      return Object::floating(d);
    }
    case 0xd9:
    case 0xda:
    case 0xdb:
      if (!(n = sized(1 << (b - 0xd9)))) return std::nullopt;
      return text(*n, true);
    case 0xc4:
    case 0xc5:
    case 0xc6:
      if (!(n = sized(1 << (b - 0xc4)))) return std::nullopt;
      return text(*n, false);
    case 0xdc:
    case 0xdd: {
      if (!(n = sized(b == 0xdc ? 2 : 4))) return std::nullopt;
      auto v = items(*n);
      if (!v) return std::nullopt;
      return Object::list(std::move(*v));
    }
    case 0xde:
    case 0xdf:
      if (!(n = sized(b == 0xde ? 2 : 4))) return std::nullopt;
      return map(*n);
    case 0xd4:
    case 0xd5:
    case 0xd6:
    case 0xd7:
    case 0xd8:
      return extension(uint64_t{1} << (b - 0xd4));
    case 0xc7:
    case 0xc8:
    case 0xc9:
      if (!(n = sized(1 << (b - 0xc7)))) return std::nullopt;
      return extension(*n);
    default:
      break;
  }
  --pos_;
  fail("invalid MessagePack type byte");
  return std::nullopt;
}

}  // namespace monty_wasm
