// monty::Object -> JSON text, for the CLI's status lines (pending calls,
// results). The mapping is json.dumps's, extended to every Object kind so a
// status line is always valid JSON and never fails:
//   None/True/False -> null/true/false; int (any size) -> integer
//   float -> number; nan/inf -> NaN/Infinity/-Infinity (as json.dumps writes them)
//   str -> string (non-ASCII escaped as \uXXXX, like json.dumps)
//   list, tuple, set, frozenset -> array
//   dict -> object; keys that are not str become their repr() (json.dumps
//           would write int keys as "1": the repr is the same for ints)
//   bytes, Ellipsis, functions, classes, ... -> their repr() as a string
#pragma once

#include <string>

#include "monty/monty.h"

namespace monty_cli {

std::string to_json(const monty::Object& value);
// A JSON string literal of UTF-8 `text`.
std::string json_string(std::string_view text);

}  // namespace monty_cli
