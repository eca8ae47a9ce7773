// Compiled code: what the compiler produces and the VM runs.
//
// A Program is immutable once compiled and may be shared by any number of
// runs. It holds every Code object of a module in one table (functions refer
// to each other by index), the module's global-name table (LOAD_GLOBAL's
// argument indexes it, so globals are slots, not dict lookups) and the source
// lines, for tracebacks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compiler/opcodes.h"

namespace monty {

// A compile-time constant. Runtime values are materialized from these once
// per run.
struct Constant {
  enum class Kind : uint8_t {
    None,
    True,
    False,
    Ellipsis,
    Int,
    BigInt,
    Float,
    Str,
    Bytes,
    Tuple,
    Code,
    Undef
  };
  Kind kind = Kind::None;
  int64_t int_value = 0;        // Int; Code: code index
  double float_value = 0;       // Float
  std::string text;             // BigInt (decimal digits, optional '-'), Str (UTF-8), Bytes
  std::vector<Constant> items;  // Tuple

  friend bool operator==(const Constant& a, const Constant& b);
};

enum CodeFlags : uint32_t {
  kCodeVarArgs = 1,      // has *args
  kCodeVarKeywords = 2,  // has **kwargs
  kCodeGenerator = 4,    // contains yield
  kCodeClassBody = 8,    // class body: names go to the namespace dict
  kCodeModule = 16,      // module top level
  kCodeLambda = 32,
  kCodeComprehension = 64,
  // A VM-owned consumer code (runtime/consumers.h), never in a Program.
  kCodeIntrinsic = 128,
  // async def: calling it makes a coroutine (a GeneratorObj flagged so);
  // always with kCodeGenerator.
  kCodeCoroutine = 256,
};

// The rest of an instruction's source range (CPython's co_positions; the
// start line is Code::lines): tracebacks underline it with ^^^. Columns are
// 0-based code points, end exclusive; kUnknownColumn where a column does not
// fit (no underline then).
struct ColumnSpan {
  static constexpr uint16_t kUnknownColumn = 0xFFFF;
  uint32_t end_line = 0;
  uint16_t col = kUnknownColumn;
  uint16_t end_col = kUnknownColumn;

  friend bool operator==(const ColumnSpan&, const ColumnSpan&) = default;
};

struct Code {
  std::string name;      // "<module>", "f", "<lambda>", "<listcomp>", ...
  std::string qualname;  // "C.f", "f.<locals>.g"
  uint32_t flags = 0;
  // Parameters are the first locals: posonly, then positional-or-keyword,
  // then keyword-only, then *args, then **kwargs.
  uint32_t posonly_count = 0;
  uint32_t arg_count = 0;  // positional parameters including posonly
  uint32_t kwonly_count = 0;
  std::vector<std::string> local_names;  // fast locals
  // Cells: variables of this code captured by inner functions (cellvars)
  // followed by variables it captures from outer ones (freevars). Slot i of
  // LOAD_DEREF indexes this combined list.
  std::vector<std::string> cellvars;
  std::vector<std::string> freevars;
  // For each cellvar that is also a parameter: (cell index, local index), so
  // calls move the argument into its cell.
  std::vector<std::pair<uint32_t, uint32_t>> cell_params;
  std::vector<Instr> code;
  std::vector<uint32_t> lines;  // source line of each instruction
  // Columns of each instruction. Not in snapshots: loading recompiles the
  // source, which recreates them.
  std::vector<ColumnSpan> columns;
  std::vector<Constant> constants;
  std::vector<uint32_t> names;  // attribute/import names: indexes into Program::names
  uint32_t max_stack = 0;
  uint32_t first_line = 0;
  std::string docstring;
  bool has_docstring = false;

  uint32_t nlocals() const { return static_cast<uint32_t>(local_names.size()); }
  uint32_t ncells() const { return static_cast<uint32_t>(cellvars.size() + freevars.size()); }
};

// A vector whose elements never move: the compiler keeps a Code& while it
// appends nested code, the VM keeps Code* while a REPL session appends
// snippets. std::deque guarantees the same, but libc++'s allocates 4 KB
// blocks, so a typical small program carried ~4.5 KB it did not use (which
// adds up when a host compiles thousands of programs).
template <typename T>
class StableVector {
 public:
  template <typename It, typename Ref>
  class Iter {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = std::remove_reference_t<Ref>*;
    using reference = Ref;
    Iter() = default;
    explicit Iter(It it) : it_(it) {}
    Ref operator*() const { return **it_; }
    pointer operator->() const { return it_->get(); }
    Iter& operator++() {
      ++it_;
      return *this;
    }
    Iter operator++(int) { return Iter(it_++); }
    bool operator==(const Iter& o) const { return it_ == o.it_; }

   private:
    It it_{};
  };
  using iterator = Iter<typename std::vector<std::unique_ptr<T>>::iterator, T&>;
  using const_iterator = Iter<typename std::vector<std::unique_ptr<T>>::const_iterator, const T&>;

  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  T& operator[](size_t i) { return *items_[i]; }
  const T& operator[](size_t i) const { return *items_[i]; }
  T& back() { return *items_.back(); }
  const T& back() const { return *items_.back(); }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    items_.push_back(std::make_unique<T>(std::forward<Args>(args)...));
    return *items_.back();
  }
  void push_back(T&& value) { emplace_back(std::move(value)); }
  void resize(size_t n) {
    if (n < items_.size()) items_.resize(n);
    while (items_.size() < n) emplace_back();
  }
  iterator begin() { return iterator(items_.begin()); }
  iterator end() { return iterator(items_.end()); }
  const_iterator begin() const { return const_iterator(items_.begin()); }
  const_iterator end() const { return const_iterator(items_.end()); }

 private:
  std::vector<std::unique_ptr<T>> items_;
};

struct Program {
  std::string script_name;
  std::vector<std::string> source_lines;  // for tracebacks
  // codes[0] is the module. Stable: the compiler appends nested code while
  // holding references to the code it is emitting.
  StableVector<Code> codes;
  std::vector<std::string> names;  // interned identifiers (globals, attributes, ...)
  // Global slot g holds the module global named names[globals[g]]; LOAD_GLOBAL
  // etc. take g.
  std::vector<uint32_t> globals;
  std::vector<std::string> input_names;
  std::vector<std::string> external_functions;
  // Whether the module ends with an expression statement whose value run()
  // returns (compiled as PRINT_EXPR... then RETURN).
  bool returns_last_expression = false;
  // REPL sessions only: the source of every snippet compile_snippet() added,
  // in order. The program is what new_session_program() plus these snippets
  // compile to, which is how a session dump's bytecode is verified on load.
  std::vector<std::string> snippets;
};

// Human-readable listing of a code object, for golden tests and debugging.
std::string disassemble(const Program& program, uint32_t code_index);

}  // namespace monty
