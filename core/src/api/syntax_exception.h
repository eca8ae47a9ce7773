// A SyntaxError from compiling, as the public Exception (Runner::create and
// Repl::feed both report it this way): CPython's text, and one frame with
// the offending line and where on it the error is.
#pragma once

#include <string>
#include <string_view>

#include "monty/monty.h"
#include "syntax/parser.h"

namespace monty {

inline Exception syntax_exception(const syntax::SyntaxErrorInfo& e, std::string_view script_name) {
  Exception ex;
  ex.type = e.type;
  ex.message = e.message;
  TracebackFrame tf;
  tf.filename = std::string(script_name);
  tf.line = e.line;
  tf.source_line = e.source_line;
  if (e.col >= 1) {
    // SyntaxErrorInfo's columns are CPython's 1-based offsets; the frame's
    // are 0-based, end exclusive (one character when the end is unknown).
    tf.col = e.col - 1;
    tf.end_line = e.end_line > 0 ? e.end_line : e.line;
    tf.end_col = e.end_col > e.col ? e.end_col - 1 : tf.col + 1;
  }
  ex.traceback.push_back(tf);
  ex.formatted = syntax::format_syntax_error(e, script_name);
  return ex;
}

}  // namespace monty
