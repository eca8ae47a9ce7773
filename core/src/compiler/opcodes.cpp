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

}  // namespace monty
