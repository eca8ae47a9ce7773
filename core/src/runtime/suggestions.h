// The "Did you mean: '...'?" CPython 3.11 prints after an uncaught
// NameError's or AttributeError's message (see suggestions.cpp).
#pragma once

#include <optional>
#include <string>

#include "runtime/vm.h"

namespace monty {

// The name to suggest for `exc` (the exception being printed), if any. Uses
// the `name` (and for AttributeError `obj`) the VM records on the exception.
std::optional<std::string> offer_suggestion(VM& vm, Value exc);

}  // namespace monty
