// Dict: see dict.h. Two layouts share one class:
// - dict layout: dense insertion-ordered `entries_` plus a sparse `index_`
//   probed with CPython's perturbation scheme;
// - set layout: `entries_` is the open-addressing table itself, managed like
//   CPython's setobject.c so that iteration order (slot order) matches.
#include "runtime/dict.h"

#include <utility>

#include "runtime/types/registry.h"
#include "runtime/vm.h"

namespace monty {

namespace {

constexpr int32_t kEmpty = -1;
constexpr int32_t kDeleted = -2;
constexpr size_t kMinSize = 8;  // PyDict_MINSIZE / PySet_MINSIZE
constexpr int kPerturbShift = 5;
constexpr size_t kLinearProbes = 9;  // setobject.c LINEAR_PROBES
constexpr int64_t kDummyHash = -1;   // set layout: deleted slot marker

// Entries the dict layout may hold for an index of `size` slots (2/3 load).
size_t usable(size_t size) { return (size << 1) / 3; }

size_t pow2_at_least(size_t n) {
  size_t s = kMinSize;
  while (s < n) s <<= 1;
  return s;
}

}  // namespace

// ---- dict layout --------------------------------------------------------------

int64_t Dict::probe(VM& vm, Value key, int64_t hash, bool* found) {
restart:
  if (index_.empty()) {  // cleared by an __eq__ during the lookup
    *found = false;
    return -1;
  }
  const size_t mask = index_.size() - 1;
  uint64_t perturb = static_cast<uint64_t>(hash);
  size_t i = static_cast<size_t>(hash) & mask;
  int64_t free_slot = -1;
  for (;;) {
    int32_t ix = index_[i];
    if (ix == kEmpty) {
      *found = false;
      return free_slot >= 0 ? free_slot : static_cast<int64_t>(i);
    }
    if (ix == kDeleted) {
      if (free_slot < 0) free_slot = static_cast<int64_t>(i);
    } else {
      const Entry& e = entries_[ix];
      if (e.hash == hash) {
        int r = fast_eq(vm, e.key, key);
        if (r < 0) {
          // __eq__ may mutate this very table: restart the lookup if it did,
          // as CPython does.
          Value k = e.key;
          uint32_t version = version_;
          size_t size = index_.size();
          bool eq = vm.eq(k, key);
          if (version != version_ || size != index_.size() || index_[i] != ix) goto restart;
          r = eq ? 1 : 0;
        }
        if (r == 1) {
          *found = true;
          return static_cast<int64_t>(i);
        }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + static_cast<size_t>(perturb) + 1) & mask;
  }
}

size_t Dict::find_empty_index_slot(int64_t hash) const {
  const size_t mask = index_.size() - 1;
  uint64_t perturb = static_cast<uint64_t>(hash);
  size_t i = static_cast<size_t>(hash) & mask;
  while (index_[i] >= 0) {
    perturb >>= kPerturbShift;
    i = (i * 5 + static_cast<size_t>(perturb) + 1) & mask;
  }
  return i;
}

void Dict::rebuild(size_t min_capacity) {
  // Compact the entries (drop tombstones) and re-index them.
  size_t size = pow2_at_least(min_capacity);
  while (usable(size) < used_ + 1) size <<= 1;
  if (used_ != entries_.size()) {
    size_t w = 0;
    for (size_t r = 0; r < entries_.size(); ++r) {
      if (!entries_[r].key.is_undef()) entries_[w++] = entries_[r];
    }
    entries_.resize(w);
  }
  index_.assign(size, kEmpty);
  for (size_t n = 0; n < entries_.size(); ++n) {
    index_[find_empty_index_slot(entries_[n].hash)] = static_cast<int32_t>(n);
  }
  fill_ = entries_.size();
  entries_.reserve(usable(size));
}

Dict::Entry* Dict::find(VM& vm, Value key, int64_t hash) {
  if (used_ == 0) return nullptr;
  bool found;
  if (set_layout_) {
    int64_t free_slot;
    int64_t slot = set_probe(vm, key, hash, &found, &free_slot);
    return found ? &entries_[slot] : nullptr;
  }
  int64_t slot = probe(vm, key, hash, &found);
  return found ? &entries_[index_[slot]] : nullptr;
}

Dict::Entry* Dict::find(VM& vm, Value key) {
  int64_t hash = vm.hash(key);  // unhashable keys raise even on empty tables
  return find(vm, key, hash);
}

Dict::Entry* Dict::find_str(VM& vm, Value str_key) {
  if (used_ == 0) return nullptr;
  // Attribute and global names are interned: small tables (instance and
  // class namespaces) usually hold the very same str object.
  if (!set_layout_ && entries_.size() <= 8) {
    for (Entry& e : entries_) {
      if (e.key.tag == Tag::Obj && e.key.id == str_key.id) return &e;
    }
  }
  const StrObj* s = vm.as<StrObj>(str_key);
  int64_t hash = s->hash != -1 ? s->hash : vm.hash(str_key);
  return find(vm, str_key, hash);
}

bool Dict::set(VM& vm, Value key, int64_t hash, Value value) {
  if (set_layout_) return set_add(vm, key, hash, value);
  if (index_.empty()) rebuild(kMinSize);
  bool found;
  int64_t slot = probe(vm, key, hash, &found);
  if (found) {
    // Like CPython, keep the original key object and replace the value.
    entries_[index_[slot]].value = value;
    return false;
  }
  if (slot < 0) {  // the table was cleared while probing
    rebuild(kMinSize);
    slot = static_cast<int64_t>(find_empty_index_slot(hash));
  }
  // The entries array (tombstones included) and the index fill are both
  // bounded by the 2/3 load factor; past it, compact and grow.
  const size_t limit = usable(index_.size());
  if (entries_.size() >= limit || (index_[slot] == kEmpty && fill_ + 1 > limit)) {
    const size_t before = memory_size();
    rebuild(used_ * 3);
    account_growth(vm, before);
    slot = static_cast<int64_t>(find_empty_index_slot(hash));
  }
  if (index_[slot] == kEmpty) ++fill_;
  index_[slot] = static_cast<int32_t>(entries_.size());
  entries_.push_back(Entry{key, value, hash});
  ++used_;
  ++version_;
  return true;
}

// Growth is counted when it happens, like a list's (the memory limit sees a
// set built inside one builtin call, e.g. set(range(10**9))); collections
// recount it exactly.
void Dict::account_growth(VM& vm, size_t before) {
  vm.heap.add_bytes(static_cast<int64_t>(memory_size()) - static_cast<int64_t>(before));
}

bool Dict::set(VM& vm, Value key, Value value) { return set(vm, key, vm.hash(key), value); }

bool Dict::erase(VM& vm, Value key, int64_t hash, Entry* removed) {
  if (used_ == 0) return false;
  bool found;
  if (set_layout_) {
    int64_t free_slot;
    int64_t slot = set_probe(vm, key, hash, &found, &free_slot);
    if (!found) return false;
    Entry& e = entries_[slot];
    if (removed) *removed = e;
    e = Entry{Value(), Value(), kDummyHash};
    --used_;
    ++version_;
    return true;
  }
  int64_t slot = probe(vm, key, hash, &found);
  if (!found) return false;
  Entry& e = entries_[index_[slot]];
  if (removed) *removed = e;
  e.key = Value();
  e.value = Value();
  index_[slot] = kDeleted;
  --used_;
  ++version_;
  return true;
}

bool Dict::erase(VM& vm, Value key, Entry* removed) {
  return erase(vm, key, vm.hash(key), removed);
}

void Dict::clear() {
  std::vector<Entry>().swap(entries_);
  std::vector<int32_t>().swap(index_);
  used_ = 0;
  fill_ = 0;
  ++version_;  // finger_ survives, as in CPython's set_clear_internal
}

Dict::Entry Dict::pop_last() {
  if (set_layout_) return pop_any();
  while (entries_.back().key.is_undef()) entries_.pop_back();
  Entry e = entries_.back();
  // Free the index slot pointing at the last entry (no key comparison needed).
  const int32_t pos = static_cast<int32_t>(entries_.size() - 1);
  const size_t mask = index_.size() - 1;
  uint64_t perturb = static_cast<uint64_t>(e.hash);
  size_t i = static_cast<size_t>(e.hash) & mask;
  while (index_[i] != pos) {
    perturb >>= kPerturbShift;
    i = (i * 5 + static_cast<size_t>(perturb) + 1) & mask;
  }
  index_[i] = kDeleted;
  entries_.pop_back();
  // Trailing tombstones can go too: nothing in the index refers to them.
  while (!entries_.empty() && entries_.back().key.is_undef()) entries_.pop_back();
  --used_;
  ++version_;
  return e;
}

void Dict::trace(Tracer& t) const {
  for (const Entry& e : entries_) {
    if (e.key.is_undef()) continue;
    t.visit(e.key);
    t.visit(e.value);
  }
}

// ---- set layout ---------------------------------------------------------------

void Dict::use_set_layout() {
  if (set_layout_) return;
  if (used_ != 0) {
    // Re-insert existing keys in their order (only if someone filled the
    // table before switching; normally it is empty).
    std::vector<Entry> old;
    old.swap(entries_);
    std::vector<int32_t>().swap(index_);
    set_layout_ = true;
    used_ = fill_ = 0;
    for (const Entry& e : old) {
      if (!e.key.is_undef()) {
        if (entries_.empty()) entries_.assign(kMinSize, Entry{Value(), Value(), 0});
        set_insert_clean(e.key, e.hash, e.value);
        ++used_;
        ++fill_;
        if (fill_ * 5 >= (entries_.size() - 1) * 3)
          set_resize(used_ > 50000 ? used_ * 2 : used_ * 4);
      }
    }
    ++version_;
    return;
  }
  std::vector<Entry>().swap(entries_);
  std::vector<int32_t>().swap(index_);
  fill_ = 0;
  set_layout_ = true;
}

int64_t Dict::set_probe(VM& vm, Value key, int64_t hash, bool* found, int64_t* free_slot) {
restart:
  if (entries_.empty()) {  // cleared by an __eq__ during the lookup
    *found = false;
    *free_slot = -1;
    return -1;
  }
  const size_t mask = entries_.size() - 1;
  uint64_t perturb = static_cast<uint64_t>(hash);
  size_t i = static_cast<size_t>(hash) & mask;
  *free_slot = -1;
  for (;;) {
    // Up to kLinearProbes neighbours first, when they don't wrap around.
    size_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    size_t j = i;
    for (;;) {
      const Entry& e = entries_[j];
      if (e.key.is_undef()) {
        if (e.hash != kDummyHash) {
          *found = false;
          return static_cast<int64_t>(j);
        }
        // CPython 3.11 reuses the *last* dummy on the probe path (observed:
        // {0, 8, 16} minus 0 and 8, then add 24 and 32 -> {32, 24, 16}).
        *free_slot = static_cast<int64_t>(j);
      } else if (e.hash == hash) {
        int r = fast_eq(vm, e.key, key);
        if (r < 0) {
          Value k = e.key;
          uint32_t version = version_;
          size_t size = entries_.size();
          bool eq = vm.eq(k, key);
          if (version != version_ || size != entries_.size() || !entries_[j].key.same(k)) {
            goto restart;
          }
          r = eq ? 1 : 0;
        }
        if (r == 1) {
          *found = true;
          return static_cast<int64_t>(j);
        }
      }
      if (probes-- == 0) break;
      ++j;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + static_cast<size_t>(perturb)) & mask;
  }
}

bool Dict::set_add(VM& vm, Value key, int64_t hash, Value value) {
  if (entries_.empty()) entries_.assign(kMinSize, Entry{Value(), Value(), 0});
  bool found;
  int64_t free_slot;
  int64_t slot = set_probe(vm, key, hash, &found, &free_slot);
  if (slot < 0) {  // the table was cleared while probing: probe the new one
    entries_.assign(kMinSize, Entry{Value(), Value(), 0});
    slot = set_probe(vm, key, hash, &found, &free_slot);
  }
  if (found) {
    // A set keeps the key it has (values only matter for dict-layout users).
    entries_[slot].value = value;
    return false;
  }
  ++used_;
  ++version_;
  if (free_slot >= 0) {
    entries_[free_slot] = Entry{key, value, hash};
    return true;
  }
  entries_[slot] = Entry{key, value, hash};
  ++fill_;
  if (fill_ * 5 < (entries_.size() - 1) * 3) return true;
  const size_t before = memory_size();
  set_resize(used_ > 50000 ? used_ * 2 : used_ * 4);
  account_growth(vm, before);
  return true;
}

void Dict::set_insert_clean(Value key, int64_t hash, Value value) {
  const size_t mask = entries_.size() - 1;
  uint64_t perturb = static_cast<uint64_t>(hash);
  size_t i = static_cast<size_t>(hash) & mask;
  for (;;) {
    if (entries_[i].key.is_undef()) break;
    if (i + kLinearProbes <= mask) {
      size_t j = 1;
      for (; j <= kLinearProbes; ++j) {
        if (entries_[i + j].key.is_undef()) break;
      }
      if (j <= kLinearProbes) {
        i += j;
        break;
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + static_cast<size_t>(perturb)) & mask;
  }
  entries_[i] = Entry{key, value, hash};
}

void Dict::set_resize(size_t min_used) {
  // Smallest power of two strictly greater than min_used (setobject.c).
  size_t size = kMinSize;
  while (size <= min_used) size <<= 1;
  std::vector<Entry> old(size, Entry{Value(), Value(), 0});
  old.swap(entries_);
  for (const Entry& e : old) {
    if (!e.key.is_undef()) set_insert_clean(e.key, e.hash, e.value);
  }
  fill_ = used_;
  ++version_;
}

Dict::Entry Dict::pop_any() {
  if (!set_layout_) return pop_last();
  const size_t mask = entries_.size() - 1;
  size_t i = finger_ & mask;
  while (entries_[i].key.is_undef()) i = (i + 1) & mask;
  Entry e = entries_[i];
  entries_[i] = Entry{Value(), Value(), kDummyHash};
  finger_ = i + 1;
  --used_;
  ++version_;
  return e;
}

void Dict::presize(size_t incoming) {
  if (!set_layout_) return;
  if (entries_.empty()) entries_.assign(kMinSize, Entry{Value(), Value(), 0});
  if ((fill_ + incoming) * 5 >= (entries_.size() - 1) * 3) set_resize((used_ + incoming) * 2);
}

void Dict::compact_after_removals() {
  if (!set_layout_ || entries_.empty()) return;
  if (fill_ - used_ <= (entries_.size() - 1) / 4) return;
  set_resize(used_ > 50000 ? used_ * 2 : used_ * 4);
}

void Dict::merge_keys(VM& vm, const Dict& other) {
  if (&other == this || other.used_ == 0) return;
  if (!set_layout_ || !other.set_layout_) {
    if (set_layout_) presize(other.used_);
    // Copy first: set() below may run __eq__ that mutates `other`.
    std::vector<Entry> src;
    src.reserve(other.used_);
    for (const Entry& e : other.entries_) {
      if (!e.key.is_undef()) src.push_back(e);
    }
    for (const Entry& e : src) set(vm, e.key, e.hash, set_layout_ ? Value() : e.value);
    return;
  }
  if (entries_.empty()) entries_.assign(kMinSize, Entry{Value(), Value(), 0});
  if ((fill_ + other.used_) * 5 >= (entries_.size() - 1) * 3) set_resize((used_ + other.used_) * 2);
  if (fill_ == 0 && entries_.size() == other.entries_.size() && other.fill_ == other.used_) {
    // Same size, no dummies: copy the table slot for slot.
    for (size_t i = 0; i < entries_.size(); ++i) {
      const Entry& e = other.entries_[i];
      if (!e.key.is_undef()) entries_[i] = Entry{e.key, Value(), e.hash};
    }
    fill_ = used_ = other.used_;
    ++version_;
    return;
  }
  if (fill_ == 0) {
    for (const Entry& e : other.entries_) {
      if (!e.key.is_undef()) set_insert_clean(e.key, e.hash, Value());
    }
    fill_ = used_ = other.used_;
    ++version_;
    return;
  }
  std::vector<Entry> src;
  src.reserve(other.used_);
  for (const Entry& e : other.entries_) {
    if (!e.key.is_undef()) src.push_back(e);
  }
  for (const Entry& e : src) set_add(vm, e.key, e.hash, Value());
}

void Dict::swap_contents(Dict& other) {
  std::swap(entries_, other.entries_);
  std::swap(index_, other.index_);
  std::swap(used_, other.used_);
  std::swap(fill_, other.fill_);
  // CPython's set_swap_bodies leaves each set's pop finger in place.
  std::swap(set_layout_, other.set_layout_);
  ++version_;
  ++other.version_;
}

}  // namespace monty
