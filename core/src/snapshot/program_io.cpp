// The program section: Program and Code fields in a fixed order
// (docs/snapshot-format.md, "Program").
//
// Reading validates the structure first (every opcode, index and jump
// target), so a damaged dump is reported precisely, and then recompiles the
// embedded source: the bytecode is only trusted if this build's compiler
// produces exactly the same program. That is what lets the VM run loaded
// code without checking operand kinds on every instruction, and it also
// rejects dumps written by a build whose compiler differed.
#include "snapshot/program_io.h"

#include "compiler/compiler.h"
#include "snapshot/verify.h"
#include "support/bigint.h"

namespace monty::snapshot {

namespace {

constexpr size_t kCodeFields = 17;

void write_strs(Packer& p, const std::vector<std::string>& v) {
  p.array(v.size());
  for (const std::string& s : v) p.str(s);
}

void write_constant(Packer& p, const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::None:
      p.nil();
      return;
    case Constant::Kind::True:
      p.boolean(true);
      return;
    case Constant::Kind::False:
      p.boolean(false);
      return;
    case Constant::Kind::Int:
      p.i64(c.int_value);
      return;
    case Constant::Kind::Float:
      p.f64(c.float_value);
      return;
    case Constant::Kind::Str:
      p.str(c.text);
      return;
    case Constant::Kind::Bytes:
      p.bin(c.text);
      return;
    case Constant::Kind::BigInt:
      p.array(3);
      p.u64(static_cast<uint64_t>(c.kind));
      p.str(c.text);
      p.i64(c.int_value);
      return;
    case Constant::Kind::Tuple:
      p.array(2);
      p.u64(static_cast<uint64_t>(c.kind));
      p.array(c.items.size());
      for (const Constant& x : c.items) write_constant(p, x);
      return;
    case Constant::Kind::Code:
      p.array(2);
      p.u64(static_cast<uint64_t>(c.kind));
      p.i64(c.int_value);
      return;
    case Constant::Kind::Ellipsis:
    case Constant::Kind::Undef:
      p.array(1);
      p.u64(static_cast<uint64_t>(c.kind));
      return;
  }
}

void write_code(Packer& p, const Code& c) {
  p.array(kCodeFields);
  p.str(c.name);
  p.str(c.qualname);
  p.u64(c.flags);
  p.u64(c.posonly_count);
  p.u64(c.arg_count);
  p.u64(c.kwonly_count);
  write_strs(p, c.local_names);
  write_strs(p, c.cellvars);
  write_strs(p, c.freevars);
  p.array(c.cell_params.size() * 2);
  for (const auto& [cell, local] : c.cell_params) {
    p.u64(cell);
    p.u64(local);
  }
  p.words(c.code.data(), c.code.size());
  p.words(c.lines.data(), c.lines.size());
  p.array(c.constants.size());
  for (const Constant& k : c.constants) write_constant(p, k);
  p.array(c.names.size());
  for (uint32_t n : c.names) p.u64(n);
  p.u64(c.max_stack);
  p.u64(c.first_line);
  if (c.has_docstring) {
    p.str(c.docstring);
  } else {
    p.nil();
  }
}

// Recursion depth is bounded by the pre-scan's nesting limit.
Constant read_constant(const msgpack::object& o, size_t ncodes) {
  Constant c;
  switch (o.type) {
    case msgpack::type::NIL:
      c.kind = Constant::Kind::None;
      return c;
    case msgpack::type::BOOLEAN:
      c.kind = o.via.boolean ? Constant::Kind::True : Constant::Kind::False;
      return c;
    case msgpack::type::POSITIVE_INTEGER:
    case msgpack::type::NEGATIVE_INTEGER:
      c.kind = Constant::Kind::Int;
      c.int_value = i64(o, "int constant");
      return c;
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64:
      c.kind = Constant::Kind::Float;
      c.float_value = o.via.f64;
      return c;
    case msgpack::type::STR:
      c.kind = Constant::Kind::Str;
      c.text = std::string(str(o, "str constant"));
      return c;
    case msgpack::type::BIN:
      c.kind = Constant::Kind::Bytes;
      c.text = std::string(bin(o, "bytes constant"));
      return c;
    case msgpack::type::ARRAY:
      break;
    default:
      fail("constant: unexpected MessagePack type");
  }
  size_t n;
  const msgpack::object* a = array(o, "constant", &n);
  if (n == 0) fail("constant: empty");
  uint64_t kind = u64(a[0], "constant kind");
  switch (static_cast<Constant::Kind>(kind)) {
    case Constant::Kind::BigInt: {
      if (n != 3) fail("big int constant: expected 3 fields");
      c.kind = Constant::Kind::BigInt;
      c.text = std::string(str(a[1], "big int constant"));
      c.int_value = i64(a[2], "big int constant base");
      if (c.int_value != 0 && (c.int_value < 2 || c.int_value > 36))
        fail("big int constant: bad base");
      if (!BigInt::parse(c.text, static_cast<int>(c.int_value == 0 ? 10 : c.int_value))) {
        fail("big int constant: invalid digits");
      }
      return c;
    }
    case Constant::Kind::Tuple: {
      if (n != 2) fail("tuple constant: expected 2 fields");
      size_t m;
      const msgpack::object* items = array(a[1], "tuple constant", &m);
      c.kind = Constant::Kind::Tuple;
      c.items.reserve(m);
      for (size_t i = 0; i < m; i++) c.items.push_back(read_constant(items[i], ncodes));
      return c;
    }
    case Constant::Kind::Code:
      if (n != 2) fail("code constant: expected 2 fields");
      c.kind = Constant::Kind::Code;
      // Code 0 is the module: no function is ever made of it.
      c.int_value = index(a[1], "code constant", ncodes);
      if (c.int_value == 0) fail("code constant refers to the module code");
      return c;
    case Constant::Kind::Ellipsis:
    case Constant::Kind::Undef:
      if (n != 1) fail("constant: unexpected fields");
      c.kind = static_cast<Constant::Kind>(kind);
      return c;
    default:
      fail("constant: unknown kind " + std::to_string(kind));
  }
}

std::string code_context(size_t i) { return "code " + std::to_string(i) + ": "; }

Code read_code(const msgpack::object& o, size_t ci, size_t ncodes, size_t nnames) {
  // Errors inside name the code; wrap by catching and prefixing.
  try {
    const msgpack::object* f = tuple(o, "code", kCodeFields);
    Code c;
    c.name = std::string(str(f[0], "name"));
    c.qualname = std::string(str(f[1], "qualname"));
    c.flags = u32(f[2], "flags");
    // kCodeIntrinsic marks the VM's own consumer codes (which may use
    // VM-only instructions): never a program's.
    if (c.flags & ~uint32_t{kCodeVarArgs | kCodeVarKeywords | kCodeGenerator | kCodeClassBody |
                            kCodeModule | kCodeLambda | kCodeComprehension | kCodeCoroutine})
      fail("unknown code flags");
    if ((c.flags & kCodeCoroutine) && !(c.flags & kCodeGenerator))
      fail("coroutine code that is not a generator's");
    c.posonly_count = u32(f[3], "posonly_count");
    c.arg_count = u32(f[4], "arg_count");
    c.kwonly_count = u32(f[5], "kwonly_count");
    c.local_names = str_list(f[6], "local names");
    c.cellvars = str_list(f[7], "cellvars");
    c.freevars = str_list(f[8], "freevars");
    size_t np;
    const msgpack::object* cp = array(f[9], "cell_params", &np);
    if (np % 2) fail("cell_params: odd length");
    for (size_t i = 0; i < np; i += 2) {
      uint32_t cell = index(cp[i], "cell_params cell", c.cellvars.size());
      uint32_t local = index(cp[i + 1], "cell_params local", c.local_names.size());
      c.cell_params.emplace_back(cell, local);
    }
    c.code = words(f[10], "bytecode");
    c.lines = words(f[11], "line table");
    if (c.lines.size() != c.code.size()) fail("line table length differs from the bytecode length");
    if (c.code.empty()) fail("empty bytecode");
    size_t nk;
    const msgpack::object* ks = array(f[12], "constants", &nk);
    c.constants.reserve(nk);
    for (size_t i = 0; i < nk; i++) c.constants.push_back(read_constant(ks[i], ncodes));
    size_t nn;
    const msgpack::object* ns = array(f[13], "names", &nn);
    c.names.reserve(nn);
    for (size_t i = 0; i < nn; i++) c.names.push_back(index(ns[i], "name index", nnames));
    c.max_stack = u32(f[14], "max_stack");
    c.first_line = u32(f[15], "first_line");
    if (!is_nil(f[16])) {
      c.docstring = std::string(str(f[16], "docstring"));
      c.has_docstring = true;
    }
    uint64_t params = uint64_t{c.arg_count} + c.kwonly_count + ((c.flags & kCodeVarArgs) ? 1 : 0) +
                      ((c.flags & kCodeVarKeywords) ? 1 : 0);
    if (c.posonly_count > c.arg_count || params > c.local_names.size())
      fail("parameter counts exceed the locals");
    // Frames allocate locals + cells + max_stack slots: keep that bounded.
    if (uint64_t{c.max_stack} + c.local_names.size() + c.cellvars.size() + c.freevars.size() >
        (1u << 24)) {
      fail("frame size too large");
    }
    return c;
  } catch (LoadError& e) {
    e.message = code_context(ci) + e.message;
    throw;
  }
}

// Operand checks that need the whole program (globals, code count).
void check_operands(const Program& p, size_t ci) {
  const Code& c = p.codes[ci];
  const size_t n = c.code.size();
  for (size_t ip = 0; ip < n; ip++) {
    Instr in = c.code[ip];
    uint32_t raw = in & 0xff;
    auto bad = [&](const std::string& what) {
      fail(code_context(ci) + "instruction " + std::to_string(ip) + ": " + what);
    };
    if (raw >= kOpcodeCount) bad("opcode " + std::to_string(raw) + " out of range");
    Op op = instr_op(in);
    uint32_t arg = instr_arg(in);
    auto limit = [&](size_t lim, const char* what) {
      if (arg >= lim) bad(std::string(what) + " index " + std::to_string(arg) + " out of range");
    };
    if (opcode_is_jump(op)) limit(n, "jump target");
    if (op >= Op::CONSUME_STEP) {
      bad("a consumer frame's opcode");
    }
    switch (op) {
      case Op::LOAD_CONST:
        limit(c.constants.size(), "constant");
        break;
      case Op::LOAD_FAST:
      case Op::STORE_FAST:
      case Op::DELETE_FAST:
      case Op::INPLACE_ADD_FAST:
        limit(c.nlocals(), "local");
        break;
      case Op::LOAD_FAST_LOAD_CONST:
      case Op::LOAD_FAST_LOAD_FAST: {
        // The second half is the next instruction, checked on its own.
        limit(c.nlocals(), "local");
        if (ip + 1 >= n || !fused_second_ok(op, instr_op(c.code[ip + 1])))
          bad("superinstruction without its second half");
        break;
      }
      case Op::LOAD_DEREF:
      case Op::STORE_DEREF:
      case Op::DELETE_DEREF:
      case Op::LOAD_CLOSURE:
        limit(c.ncells(), "cell");
        break;
      case Op::LOAD_GLOBAL:
      case Op::STORE_GLOBAL:
      case Op::DELETE_GLOBAL:
      case Op::LOAD_NAME:
      case Op::STORE_NAME:
      case Op::DELETE_NAME:
      case Op::INPLACE_ADD_GLOBAL:
        limit(p.globals.size(), "global");
        break;
      case Op::LOAD_ATTR:
      case Op::STORE_ATTR:
      case Op::DELETE_ATTR:
      case Op::LOAD_METHOD:
      case Op::IMPORT_NAME:
      case Op::IMPORT_FROM:
        limit(c.names.size(), "name");
        break;
      default:
        break;
    }
  }
}

// ---- comparison with the recompiled program ---------------------------------

bool same_code(const Code& a, const Code& b, bool compare_lines, const char** field) {
#define MONTY_CMP(f)   \
  if (!(a.f == b.f)) { \
    *field = #f;       \
    return false;      \
  }
  MONTY_CMP(name)
  MONTY_CMP(qualname)
  MONTY_CMP(flags)
  MONTY_CMP(posonly_count)
  MONTY_CMP(arg_count)
  MONTY_CMP(kwonly_count)
  MONTY_CMP(local_names)
  MONTY_CMP(cellvars)
  MONTY_CMP(freevars)
  MONTY_CMP(cell_params)
  MONTY_CMP(code)
  if (compare_lines) {
    MONTY_CMP(lines)
  }
  MONTY_CMP(constants)
  MONTY_CMP(names)
  MONTY_CMP(max_stack)
  MONTY_CMP(first_line)
  MONTY_CMP(docstring)
  MONTY_CMP(has_docstring)
#undef MONTY_CMP
  return true;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string s;
  for (size_t i = 0; i < lines.size(); i++) {
    if (i) s += '\n';
    s += lines[i];
  }
  return s;
}

}  // namespace

void write_program(Packer& p, const Program& prog) {
  p.array(8);
  p.str(prog.script_name);
  write_strs(p, prog.source_lines);
  write_strs(p, prog.names);
  p.array(prog.globals.size());
  for (uint32_t g : prog.globals) p.u64(g);
  write_strs(p, prog.input_names);
  write_strs(p, prog.external_functions);
  p.boolean(prog.returns_last_expression);
  p.array(prog.codes.size());
  for (const Code& c : prog.codes) write_code(p, c);
}

namespace {

// The structure of a program section, every index and opcode checked; its
// bytecode is not trusted yet (see verified()).
std::shared_ptr<Program> read_structure(const msgpack::object& o) {
  const msgpack::object* f = tuple(o, "program", 8);
  auto prog = std::make_shared<Program>();
  prog->script_name = std::string(str(f[0], "script name"));
  prog->source_lines = str_list(f[1], "source lines");
  prog->names = str_list(f[2], "names");
  size_t ng;
  const msgpack::object* gs = array(f[3], "globals", &ng);
  prog->globals.reserve(ng);
  for (size_t i = 0; i < ng; i++)
    prog->globals.push_back(index(gs[i], "global name", prog->names.size()));
  prog->input_names = str_list(f[4], "input names");
  prog->external_functions = str_list(f[5], "external functions");
  prog->returns_last_expression = boolean(f[6], "returns_last_expression");
  // Inputs and external functions occupy the first global slots (start_run).
  if (prog->input_names.size() + prog->external_functions.size() > prog->globals.size()) {
    fail("more inputs and external functions than globals");
  }
  size_t nc;
  const msgpack::object* cs = array(f[7], "codes", &nc);
  if (nc == 0) fail("program has no code");
  for (size_t i = 0; i < nc; i++)
    prog->codes.push_back(read_code(cs[i], i, nc, prog->names.size()));
  if (!(prog->codes[0].flags & kCodeModule)) fail("code 0 is not a module");
  for (size_t i = 0; i < nc; i++) check_operands(*prog, i);
  return prog;
}

// The bytecode is trusted only as this build's compilation of the source:
// `compiled` (what this build compiles from the dump's source) must be
// exactly the stored program. Returns `compiled`.
std::shared_ptr<Program> verified(const Program& stored, std::shared_ptr<Program> compiled,
                                  uint32_t version) {
  const Program& q = *compiled;
  if (q.source_lines != stored.source_lines)
    fail("the embedded source lines are not in canonical form");
  if (q.names != stored.names || q.globals != stored.globals ||
      q.returns_last_expression != stored.returns_last_expression ||
      q.codes.size() != stored.codes.size()) {
    fail(
        "the program differs from what this build compiles from the embedded source (names, "
        "globals or code count)");
  }
  const size_t nc = q.codes.size();
  for (size_t i = 0; i < nc; i++) {
    const char* field = "";
    if (!same_code(stored.codes[i], q.codes[i], version >= 3, &field)) {
      fail(code_context(i) +
           "differs from what this build compiles from the embedded source (field " + field + ")");
    }
  }
  // Defense in depth, and the check a future format without recompilation
  // would rely on: the kind analysis accepts every code.
  for (size_t i = 0; i < nc; i++) {
    std::string err;
    if (!analyze_code(q, static_cast<uint32_t>(i), &err)) fail(code_context(i) + err);
  }
  return compiled;
}

}  // namespace

std::shared_ptr<Program> read_program(const msgpack::object& o, uint32_t version) {
  std::shared_ptr<Program> prog = read_structure(o);
  CompileResult r = compile_program(join_lines(prog->source_lines), prog->script_name,
                                    prog->input_names, prog->external_functions);
  if (!r.program) fail("the embedded source does not compile with this build: " + r.error->message);
  return verified(*prog, std::move(r.program), version);
}

std::shared_ptr<Program> read_session_program(const msgpack::object& o,
                                              const msgpack::object& snippets, uint32_t version) {
  std::shared_ptr<Program> prog = read_structure(o);
  if (!prog->input_names.empty() || !prog->external_functions.empty())
    fail("a REPL session has no inputs or external functions");
  std::vector<std::string> sources = str_list(snippets, "snippets");
  // A session's program is its empty start plus each snippet, compiled in
  // order (Repl::feed keeps only snippets that compiled).
  std::shared_ptr<Program> compiled = new_session_program(prog->script_name);
  for (size_t i = 0; i < sources.size(); i++) {
    SnippetResult r = compile_snippet(*compiled, sources[i]);
    if (r.error) {
      fail("snippet " + std::to_string(i) +
           " does not compile with this build: " + r.error->message);
    }
  }
  return verified(*prog, std::move(compiled), version);
}

}  // namespace monty::snapshot
