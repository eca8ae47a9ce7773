// Tables generated from the opcode list in opcodes.h.

#include "compiler/opcodes.h"

namespace monty {

namespace {

constexpr const char* kNames[] = {
#define MONTY_X(name, effect, doc) #name,
    MONTY_OPCODES(MONTY_X)
#undef MONTY_X
};

constexpr int kEffects[] = {
#define MONTY_X(name, effect, doc) effect,
    MONTY_OPCODES(MONTY_X)
#undef MONTY_X
};

}  // namespace

const char* opcode_name(Op op) {
  auto i = static_cast<uint32_t>(op);
  return i < kOpcodeCount ? kNames[i] : "<bad opcode>";
}

int opcode_stack_effect(Op op) {
  auto i = static_cast<uint32_t>(op);
  return i < kOpcodeCount ? kEffects[i] : 0;
}

bool opcode_is_jump(Op op) {
  switch (op) {
    case Op::JUMP:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP:
    case Op::JUMP_IF_NOT_UNDEF:
    case Op::FOR_ITER:
    case Op::SETUP_FINALLY:
    case Op::CONSUME_STEP:
    case Op::ZIP_SOURCE:
    case Op::LOOP_NEXT:
      return true;
    default:
      return false;
  }
}

}  // namespace monty
