// The split of a traceback's underline into ~~~^^^~~~ (CPython 3.11).
//
// When the underlined source is a binary operation or a subscript, CPython's
// traceback printer reparses that segment on its own and underlines the
// operator (or the brackets and what is between them) with ^ and the
// operands with ~:
//     return a + b[i]
//            ~~^~~~~~
// This finds those anchors the same way: by parsing the segment with this
// interpreter's parser.
#pragma once

#include <optional>
#include <string_view>

namespace monty::syntax {

struct CaretAnchors {
  // Code point offsets into the segment: [left_end, right_start) gets ^,
  // the rest of the segment ~.
  int left_end = 0;
  int right_start = 0;
};

// `segment` is one line's slice of source (UTF-8). No anchors unless it parses
// as a single expression statement that is a binary operation or a subscript.
std::optional<CaretAnchors> find_caret_anchors(std::string_view segment);

}  // namespace monty::syntax
