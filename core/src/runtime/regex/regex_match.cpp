// The matcher of the regex engine (regex.h): a backtracking interpreter of
// the instructions regex_parse.cpp generates.
//
// All backtracking state is on one heap stack of entries: choice points
// (where to resume and at which position), undo records (a capture slot or
// a loop counter to restore: every change of state is logged, so popping
// back to a choice point restores exactly the state it saw), runs of a
// single-character repeat (one entry for the whole run, not one per
// character), and markers of atomic groups and lookarounds. Nothing
// recurses, the stack is bounded by the caller's budget, and every step is
// charged to the WorkMeter.
#include <algorithm>

#include "runtime/regex/regex_program.h"
#include "runtime/types/text_ops.h"

namespace monty::regex {

namespace {

constexpr size_t kUnset = static_cast<size_t>(-1);
// Steps are charged to the meter in batches of this many.
constexpr uint32_t kChargeBatch = 256;

enum class Entry : uint8_t {
  Choice,       // resume at pc, pos
  UndoSlot,     // slots[pc] = pos
  UndoCounter,  // counters[pc] = {pos, x}
  GreedyRun,    // pc: the kRepeatOne; pos: the end tried last; x: the shortest end
  LazyRun,      // pc: the kRepeatOne; pos: the end tried last; x: the longest end
  Marker,       // an atomic group or lookaround began: pc, pos
};

struct Frame {
  Entry kind;
  uint32_t pc;
  size_t pos;
  size_t x;
};

bool is_word(char32_t c, bool ascii) {
  if (c < 0x80)
    return c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return !ascii && text::is_alnum_char(c);
}

bool category_has(uint8_t cats, char32_t c, bool ascii) {
  if (cats & (kCatDigit | kCatNotDigit)) {
    bool d = ascii || c < 0x80 ? (c >= '0' && c <= '9') : text::is_decimal_char(c);
    if ((cats & kCatDigit) && d) return true;
    if ((cats & kCatNotDigit) && !d) return true;
  }
  if (cats & (kCatSpace | kCatNotSpace)) {
    bool s = ascii || c < 0x80
                 ? (c == ' ' || (c >= '\t' && c <= '\r') || (!ascii && c >= 0x1C && c <= 0x1F))
                 : text::is_space_char(c);
    if ((cats & kCatSpace) && s) return true;
    if ((cats & kCatNotSpace) && !s) return true;
  }
  if (cats & (kCatWord | kCatNotWord)) {
    bool w = is_word(c, ascii);
    if ((cats & kCatWord) && w) return true;
    if ((cats & kCatNotWord) && !w) return true;
  }
  return false;
}

bool set_has_raw(const CharSet& s, char32_t c, bool ascii) {
  // ranges are sorted by start: the last one starting at or before c, and
  // any earlier one that still reaches it (ranges may overlap).
  for (const auto& [lo, hi] : s.ranges) {
    if (lo > c) break;
    if (c <= hi) return true;
  }
  return s.categories && category_has(s.categories, c, ascii);
}

}  // namespace

struct Matcher::Impl {
  const Program& prog;
  Subject subject;
  size_t end;  // endpos
  WorkMeter* meter;
  size_t max_frames;
  std::vector<Frame> stack;
  std::vector<size_t> slots;  // 2 per group + lastindex
  // Per loop: iterations done, where the last optional iteration started.
  std::vector<std::pair<size_t, size_t>> counters;
  uint32_t steps = 0;

  Impl(const Program& p, const Subject& s, size_t endpos, WorkMeter* m, size_t max_bytes)
      : prog(p),
        subject(s),
        end(endpos),
        meter(m),
        max_frames(std::max<size_t>(max_bytes / sizeof(Frame), 64)) {
    slots.assign(2 * (prog.groups + 1) + 1, kUnset);
    counters.assign(prog.counters, {0, kUnset});
  }

  void step(uint32_t n = 1) {
    steps += n;
    if (steps >= kChargeBatch) [[unlikely]] {
      if (meter) meter->charge(steps);
      steps = 0;
    }
  }

  void push(Entry kind, uint32_t pc, size_t pos, size_t x = 0) {
    if (stack.size() >= max_frames) [[unlikely]]
      throw StackExhausted{};
    stack.push_back(Frame{kind, pc, pos, x});
  }

  void set_slot(uint32_t slot, size_t value) {
    push(Entry::UndoSlot, slot, slots[slot]);
    slots[slot] = value;
  }

  void set_counter(uint32_t c, size_t count, size_t start) {
    push(Entry::UndoCounter, c, counters[c].first, counters[c].second);
    counters[c] = {count, start};
  }

  bool char_matches(const Inst& in, char32_t c) const {
    switch (in.op) {
      case kChar:
        return c == in.a;
      case kCharIgnore:
        return c == in.a || fold_lower(c, in.mode) == in.b || fold_upper(c, in.mode) == in.c;
      case kAny:
        return c != '\n';
      case kAnyAll:
        return true;
      case kSet: {
        const CharSet& s = prog.sets[in.a];
        bool asc = prog.bytes || (s.flags & kAscii);
        bool hit = set_has_raw(s, c, asc);
        if (!hit && (s.flags & kIgnoreCase)) {
          char32_t lo = fold_lower(c, asc), up = fold_upper(c, asc);
          hit = (lo != c && set_has_raw(s, lo, asc)) || (up != c && set_has_raw(s, up, asc));
        }
        return hit != s.negate;
      }
      default:
        return false;
    }
  }

  bool assert_holds(const Inst& in, size_t pos) const {
    switch (static_cast<AssertKind>(in.a)) {
      case kAtBegin:
      case kAtBeginString:
        return pos == 0;
      case kAtBeginLine:
        return pos == 0 || subject.at(pos - 1) == '\n';
      case kAtEnd:
        return pos == end || (pos + 1 == end && subject.at(pos) == '\n');
      case kAtEndLine:
        return pos == end || subject.at(pos) == '\n';
      case kAtEndString:
        return pos == end;
      case kAtBoundary:
      case kAtNonBoundary: {
        if (end == 0) return false;  // sre: no boundary in an empty string
        bool before = pos > 0 && is_word(subject.at(pos - 1), in.mode);
        bool after = pos < end && is_word(subject.at(pos), in.mode);
        return (before != after) == (in.a == kAtBoundary);
      }
    }
    return false;
  }

  // Drops the choice points above the innermost marker and the marker
  // itself, keeping the undo records (an atomic group or a lookaround
  // succeeded: its alternatives are gone, its captures stay undoable).
  size_t commit_to_marker() {
    size_t m = stack.size();
    while (m > 0 && stack[m - 1].kind != Entry::Marker) m--;
    size_t saved = stack[m - 1].pos;
    size_t w = m - 1;
    for (size_t i = m; i < stack.size(); i++)
      if (stack[i].kind == Entry::UndoSlot || stack[i].kind == Entry::UndoCounter)
        stack[w++] = stack[i];
    stack.resize(w);
    return saved;
  }

  // Continues after the single-character repeat on top of the stack with
  // its run ending at `end`; `keep`: shorter (greedy) or longer (lazy) runs
  // remain to be tried later.
  void resume_run(bool keep, size_t end_pos, uint32_t* pc, size_t* pos) {
    Frame& f = stack.back();
    *pc = f.pc + 2;
    *pos = end_pos;
    if (keep) {
      f.pos = end_pos;
    } else {
      stack.pop_back();
    }
  }

  // Undoes everything above the innermost marker and removes it.
  size_t unwind_to_marker() {
    while (true) {
      Frame f = stack.back();
      stack.pop_back();
      if (f.kind == Entry::Marker) return f.pos;
      undo(f);
    }
  }

  void undo(const Frame& f) {
    if (f.kind == Entry::UndoSlot) {
      slots[f.pc] = f.pos;
    } else if (f.kind == Entry::UndoCounter) {
      counters[f.pc] = {f.pos, f.x};
    }
  }

  // Runs from pc at pos; true on a match (slots[1] is its end).
  bool run(uint32_t pc, size_t pos, size_t start, Anchor anchor, bool must_advance,
           size_t initial) {
    const std::vector<Inst>& code = prog.code;
    while (true) {
      step();
      const Inst& in = code[pc];
      bool ok = true;
      switch (in.op) {
        case kChar:
        case kCharIgnore:
        case kAny:
        case kAnyAll:
        case kSet:
          if (pos < end && char_matches(in, subject.at(pos))) {
            pos++;
            pc++;
          } else {
            ok = false;
          }
          break;
        case kSplit:
          push(Entry::Choice, in.b, pos);
          pc = in.a;
          break;
        case kJump:
          pc = in.a;
          break;
        case kSave:
          set_slot(in.a, pos);
          if (in.a & 1) set_slot(static_cast<uint32_t>(slots.size() - 1), in.a / 2);
          pc++;
          break;
        case kAssert:
          ok = assert_holds(in, pos);
          pc++;
          break;
        case kBackref: {
          size_t b = slots[2 * in.a], e = slots[2 * in.a + 1];
          if (b == kUnset || e == kUnset || e < b) {
            ok = false;
            break;
          }
          size_t n = e - b;
          if (end - pos < n) {
            ok = false;
            break;
          }
          step(static_cast<uint32_t>(std::min<size_t>(n, 1u << 20)));
          for (size_t i = 0; i < n && ok; i++) {
            char32_t x = subject.at(b + i), y = subject.at(pos + i);
            ok = x == y || (in.b && (fold_lower(x, in.mode) == fold_lower(y, in.mode) ||
                                     fold_upper(x, in.mode) == fold_upper(y, in.mode)));
          }
          pos += n;
          pc++;
          break;
        }
        case kRepeatInit:
          set_counter(in.a, 0, kUnset);
          pc++;
          break;
        case kRepeatCheck: {
          // CPython's MAX_UNTIL/MIN_UNTIL: an optional iteration is tried
          // only where the previous optional one did not start (zero-width
          // protection); the iterations min requires are always tried.
          auto [count, last] = counters[in.a];
          if (count < in.b) {
            pc++;
          } else if (count >= in.c || pos == last) {
            pc = in.d;
          } else {
            set_counter(in.a, count, pos);
            if (in.mode == kGreedy) {
              push(Entry::Choice, in.d, pos);
              pc++;
            } else {
              push(Entry::Choice, pc + 1, pos);
              pc = in.d;
            }
          }
          break;
        }
        case kRepeatNext:
          set_counter(in.a, counters[in.a].first + 1, counters[in.a].second);
          pc = in.b;
          break;
        case kRepeatOne: {
          const Inst& item = code[pc + 1];
          size_t limit = in.c == UINT32_MAX ? end : std::min<size_t>(end, pos + in.c);
          size_t min_end = pos + in.b;
          if (min_end > end) {
            ok = false;
            break;
          }
          if (in.mode == kLazy) {
            size_t p = pos;
            for (; p < min_end && char_matches(item, subject.at(p)); p++) {
            }
            step(static_cast<uint32_t>(p - pos));
            if (p < min_end) {
              ok = false;
              break;
            }
            if (p < limit) push(Entry::LazyRun, pc, p, limit);
            pos = p;
          } else {
            size_t p = pos;
            for (; p < limit && char_matches(item, subject.at(p)); p++) {
              if (((p - pos) & 1023) == 1023) step(1024);
            }
            step(static_cast<uint32_t>((p - pos) & 1023));
            if (p < min_end) {
              ok = false;
              break;
            }
            if (p > min_end && in.mode == kGreedy) push(Entry::GreedyRun, pc, p, min_end);
            pos = p;
          }
          pc += 2;
          break;
        }
        case kAtomicBegin:
          push(Entry::Marker, pc, pos);
          pc++;
          break;
        case kAtomicEnd:
          commit_to_marker();
          pc++;
          break;
        case kLookBegin:
          if (in.mode & kLookBehind) {
            if (pos < in.a) {
              // Too close to the start for the body: a positive lookbehind
              // fails, a negative one holds.
              if (in.mode & kLookNegative) {
                pc = in.c;
              } else {
                ok = false;
              }
              break;
            }
            push(Entry::Marker, pc, pos);
            pos -= in.a;
          } else {
            push(Entry::Marker, pc, pos);
          }
          pc++;
          break;
        case kLookEnd:
          if (in.mode & kLookNegative) {
            unwind_to_marker();
            ok = false;
          } else {
            pos = commit_to_marker();
            pc++;
          }
          break;
        case kGroupExists: {
          bool exists =
              in.a <= prog.groups && slots[2 * in.a] != kUnset && slots[2 * in.a + 1] != kUnset;
          pc = exists ? pc + 1 : in.b;
          break;
        }
        case kMatch:
          if ((anchor == Anchor::FullMatch && pos != end) ||
              (must_advance && start == initial && pos == start)) {
            ok = false;
            break;
          }
          slots[0] = start;
          slots[1] = pos;
          return true;
      }
      if (ok) continue;
      // Backtrack: the most recent choice point that still has a way on.
      while (true) {
        if (stack.empty()) return false;
        Frame& f = stack.back();
        switch (f.kind) {
          case Entry::Choice:
            pc = f.pc;
            pos = f.pos;
            stack.pop_back();
            break;
          case Entry::UndoSlot:
          case Entry::UndoCounter:
            undo(f);
            stack.pop_back();
            continue;
          case Entry::GreedyRun: {
            // Give back one character; with a literal next, skip to where it can match.
            size_t p = f.pos - 1;
            const Inst& next = code[f.pc + 2];
            if (next.op == kChar) {
              while (p > f.x && (p >= end || subject.at(p) != next.a)) {
                p--;
                step();
              }
            }
            resume_run(p > f.x, p, &pc, &pos);
            break;
          }
          case Entry::LazyRun: {
            size_t p = f.pos;
            uint32_t item_pc = f.pc + 1;
            if (p >= f.x || !char_matches(code[item_pc], subject.at(p))) {
              stack.pop_back();
              continue;
            }
            resume_run(p + 1 < f.x, p + 1, &pc, &pos);
            break;
          }
          case Entry::Marker: {
            const Inst& m = code[f.pc];
            size_t saved = f.pos;
            stack.pop_back();
            if (m.op == kLookBegin && (m.mode & kLookNegative)) {
              // The negative lookaround's body failed: the assertion holds.
              pc = m.c;
              pos = saved;
              break;
            }
            continue;
          }
        }
        break;
      }
    }
  }
};

Matcher::Matcher(const Program& program, const Subject& subject, size_t endpos, WorkMeter* meter,
                 size_t max_stack_bytes)
    : impl_(std::make_unique<Impl>(program, subject, std::min(endpos, subject.length), meter,
                                   max_stack_bytes)) {}

Matcher::~Matcher() = default;

bool Matcher::run(size_t pos, Anchor anchor, bool must_advance) {
  Impl& m = *impl_;
  const Program& prog = m.prog;
  size_t end = m.end;
  if (pos > end) return false;
  size_t last_start = anchor == Anchor::Search ? end : pos;
  if (prog.anchored) {
    if (pos > 0) return false;
    last_start = 0;
  }
  for (size_t start = pos; start <= last_start; start++) {
    if (prog.first_char >= 0 && anchor == Anchor::Search) {
      // Skip to the next occurrence of the first character.
      size_t s = start;
      while (s < end && m.subject.at(s) != static_cast<char32_t>(prog.first_char)) s++;
      m.step(static_cast<uint32_t>(std::min<size_t>(s - start, 1u << 20)) / 4);
      if (s >= end) return false;
      start = s;
    }
    m.stack.clear();
    std::fill(m.slots.begin(), m.slots.end(), kUnset);
    if (m.run(0, start, start, anchor, must_advance, pos)) {
      size_t li = m.slots.back();
      lastindex_ = li == kUnset ? 0 : static_cast<uint32_t>(li);
      m.stack.clear();
      return true;
    }
  }
  m.stack.clear();
  return false;
}

std::pair<int64_t, int64_t> Matcher::span(uint32_t group) const {
  const auto& slots = impl_->slots;
  size_t b = slots[2 * group], e = slots[2 * group + 1];
  if (b == kUnset || e == kUnset) return {-1, -1};
  return {static_cast<int64_t>(b), static_cast<int64_t>(e)};
}

}  // namespace monty::regex
