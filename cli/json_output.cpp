#include "json_output.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace monty_cli {

namespace {

// Decodes one UTF-8 sequence at text[i] (core only produces valid UTF-8);
// returns the code point and advances i.
uint32_t next_code_point(std::string_view text, size_t& i) {
  const auto b = [&](size_t k) {
    return static_cast<uint32_t>(static_cast<unsigned char>(text[k]));
  };
  uint32_t c = b(i);
  size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + len > text.size()) len = 1;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
  i += len;
  return cp;
}

void append_escape(std::string& out, uint32_t unit) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(unit));
  out += buf;
}

void append_value(std::string& out, const monty::Object& v);

void append_array(std::string& out, const std::vector<monty::Object>& items) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    append_value(out, items[i]);
  }
  out += ']';
}

void append_value(std::string& out, const monty::Object& v) {
  using Kind = monty::Object::Kind;
  switch (v.kind()) {
    case Kind::None:
      out += "null";
      return;
    case Kind::Bool:
      out += v.as_bool() ? "true" : "false";
      return;
    case Kind::Int:
      out += std::to_string(v.as_int());
      return;
    case Kind::BigInt:
      out += v.text();
      return;
    case Kind::Float: {
      const double d = v.as_float();
      if (std::isnan(d)) {
        out += "NaN";
      } else if (std::isinf(d)) {
        out += d > 0 ? "Infinity" : "-Infinity";
      } else {
        out += v.repr();  // Python's float repr is valid JSON for finite values
      }
      return;
    }
    case Kind::Str:
      out += json_string(v.text());
      return;
    case Kind::List:
    case Kind::Tuple:
    case Kind::Set:
    case Kind::FrozenSet:
      append_array(out, v.items());
      return;
    case Kind::Dict: {
      out += '{';
      const auto& kv = v.items();
      for (size_t i = 0; i + 1 < kv.size(); i += 2) {
        if (i > 0) out += ", ";
        out += json_string(kv[i].kind() == Kind::Str ? kv[i].text() : kv[i].repr());
        out += ": ";
        append_value(out, kv[i + 1]);
      }
      out += '}';
      return;
    }
    case Kind::Bytes:
    case Kind::Ellipsis:
    case Kind::Repr:
      out += json_string(v.repr());
      return;
  }
}

}  // namespace

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    const uint32_t cp = next_code_point(text, i);
    switch (cp) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      default:
        break;
    }
    if (cp < 0x20 || cp >= 0x7F) {
      // ASCII-only output, like json.dumps: survives any terminal or pipe.
      if (cp >= 0x10000) {
        const uint32_t u = cp - 0x10000;
        append_escape(out, 0xD800 + (u >> 10));
        append_escape(out, 0xDC00 + (u & 0x3FF));
      } else {
        append_escape(out, cp);
      }
    } else {
      out += static_cast<char>(cp);
    }
  }
  out += '"';
  return out;
}

std::string to_json(const monty::Object& value) {
  std::string out;
  append_value(out, value);
  return out;
}

}  // namespace monty_cli
