// Dict: the insertion-ordered hash table behind dict, set, frozenset, class
// namespaces, instance attributes and module attributes.
//
// Layout as in CPython 3.6+: a dense `entries` array in insertion order
// (deleted entries become tombstones with an Undef key until the next
// rebuild) and a sparse open-addressing `index` of positions into it.
// Key comparison may run Python code (__eq__), so lookups take the VM and may
// raise (throw PyError); the table stays consistent if they do.
//
// Set layout (use_set_layout(), for set and frozenset): CPython iterates a
// set in hash-table slot order, which programs observe whenever they print a
// set ({3, 1, 2} prints as {1, 2, 3}). To reproduce that order exactly, a
// set's `entries` IS its open-addressing table, managed like CPython's
// setobject.c (linear probes, then perturbation; same sizes and resize
// points). Free slots have an Undef key with hash 0, deleted slots ("dummies")
// an Undef key with hash -1, so iterating `entries` and skipping Undef keys
// works for both layouts. `index` is unused in this layout.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/value.h"

namespace monty {

class VM;
class Tracer;

class Dict {
 public:
  struct Entry {
    Value key;  // Undef = deleted
    Value value;
    int64_t hash;
  };

  size_t size() const { return used_; }
  bool empty() const { return used_ == 0; }

  // Returns the entry for `key` or null. `hash` must be vm.hash(key).
  Entry* find(VM& vm, Value key, int64_t hash);
  Entry* find(VM& vm, Value key);
  // Lookup by a str key without hashing through the VM (names, attributes).
  Entry* find_str(VM& vm, Value str_key);
  // Inserts or overwrites. Returns true if the key was new.
  bool set(VM& vm, Value key, int64_t hash, Value value);
  bool set(VM& vm, Value key, Value value);
  // Removes `key`; returns false if absent. *removed receives the entry.
  bool erase(VM& vm, Value key, int64_t hash, Entry* removed = nullptr);
  bool erase(VM& vm, Value key, Entry* removed = nullptr);
  void clear();
  // Removes and returns the last entry (dict.popitem); precondition !empty().
  Entry pop_last();

  // Entries in insertion order, including tombstones (skip Undef keys).
  const std::vector<Entry>& entries() const { return entries_; }
  std::vector<Entry>& entries() { return entries_; }
  // Bumped by every insertion of a new key or removal: iterators compare it
  // to detect "dictionary changed size during iteration".
  uint32_t version() const { return version_; }

  // Switches an empty table to the set layout (see above). Sets created
  // through VM::new_set should call this; a set left in the dict layout still
  // works, it just iterates in insertion order.
  void use_set_layout();
  bool set_layout() const { return set_layout_; }
  // set.pop(): removes the entry CPython would (scan from the `finger`).
  // Dict layout: same as pop_last(). Precondition: !empty().
  Entry pop_any();
  // Adds every key of `other` (a set-layout or dict-layout table) with the
  // hashes it already has, as CPython's set_merge/set_update do (one presize,
  // then a fast copy when possible). Values are set to Undef in set layout and
  // copied in dict layout.
  void merge_keys(VM& vm, const Dict& other);
  // Set layout: before adding `incoming` keys in bulk, resize once like
  // CPython's set_update_internal does for a dict/set argument.
  void presize(size_t incoming);
  // Set layout: after bulk removals, drop the dummies if more than 1/4 of the
  // table is dummies (CPython's set_difference_update_internal tail).
  void compact_after_removals();
  // Exchanges the contents of two tables (set.intersection_update), bumping
  // both versions.
  void swap_contents(Dict& other);

  void trace(Tracer& t) const;
  size_t memory_size() const {
    return entries_.capacity() * sizeof(Entry) + index_.capacity() * sizeof(int32_t);
  }

 private:
  // Index slot of `key`, or of the first free slot on its probe path.
  int64_t probe(VM& vm, Value key, int64_t hash, bool* found);
  void account_growth(VM& vm, size_t before);
  void rebuild(size_t min_capacity);
  // Set layout helpers (CPython setobject.c semantics).
  int64_t set_probe(VM& vm, Value key, int64_t hash, bool* found, int64_t* free_slot);
  bool set_add(VM& vm, Value key, int64_t hash, Value value);
  void set_insert_clean(Value key, int64_t hash, Value value);
  void set_resize(size_t min_used);
  size_t find_empty_index_slot(int64_t hash) const;

  // Snapshots write the table and rebuild its index on load (snapshot/).
  friend struct SnapshotAccess;

  std::vector<Entry> entries_;
  std::vector<int32_t> index_;  // -1 empty, -2 deleted, else entry position
  size_t used_ = 0;
  // Non-free index slots (dict layout) / non-free table slots (set layout):
  // live entries plus deleted ones not yet rebuilt away. Keeps at least one
  // free slot so probing always ends.
  size_t fill_ = 0;
  size_t finger_ = 0;  // set layout: where set.pop() starts scanning
  uint32_t version_ = 0;
  bool set_layout_ = false;
};

}  // namespace monty
