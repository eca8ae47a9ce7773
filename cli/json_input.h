// JSON -> monty::Object for the CLI's `--input NAME=VALUE`.
//
// The mapping is the one Python's json.loads produces, so
// `monty -c 'print(x)' --input x=VALUE` prints what
// `python3 -c 'import json; print(json.loads(VALUE))'` prints:
//   null/true/false -> None/True/False
//   integers        -> int (Object::integer if it fits int64, else Object::big_integer)
//   other numbers   -> float (overflow gives inf, like json.loads)
//   NaN, Infinity, -Infinity (json.loads accepts them) -> float
//   strings         -> str, arrays -> list, objects -> dict with str keys
//                      (a repeated key keeps its first position and its last value)
//
// Deliberate differences from json.loads: strings must decode to valid UTF-8,
// so a lone surrogate escape ("\ud800") or raw invalid UTF-8 makes the text
// invalid JSON; nesting is limited to kMaxJsonDepth so hostile input cannot
// exhaust the native stack.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "monty/monty.h"

namespace monty_cli {

inline constexpr size_t kMaxJsonDepth = 500;

struct JsonParse {
  enum class Status { Ok, Invalid, TooDeep };
  Status status = Status::Invalid;
  monty::Object value;  // set when status == Ok
  std::string error;    // "<what> at offset N" otherwise
};

// Parses exactly one JSON value (surrounding whitespace allowed).
JsonParse parse_json(std::string_view text);

// Offset of the first byte of `text` that does not start a well-formed UTF-8
// sequence (overlongs, surrogates and values past U+10FFFF are ill-formed), or
// std::string_view::npos if all of it is valid.
size_t first_invalid_utf8(std::string_view text);
inline bool is_valid_utf8(std::string_view text) {
  return first_invalid_utf8(text) == std::string_view::npos;
}

}  // namespace monty_cli
