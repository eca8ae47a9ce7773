// The per-type hooks the VM's generic protocols dispatch to, and the method
// tables that make up the builtin types (assembled in builtin_types.cpp).
//
// One file per builtin type under runtime/types/ (str.cpp, list.cpp, ...),
// each ending in its constant method table. The generic protocols
// (vm.repr, vm.getitem, vm.binary_op, ...) live in runtime/protocols.cpp and
// call the functions declared here for the builtin types.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/vm.h"

namespace monty {

// ---- method tables (one per builtin type, defined in its file) -------------
extern const std::span<const MethodDef> kObjectMethods;
extern const std::span<const MethodDef> kIntMethods;
extern const std::span<const MethodDef> kFloatMethods;
extern const std::span<const MethodDef> kStrMethods;
extern const std::span<const MethodDef> kBytesMethods;
extern const std::span<const MethodDef> kListMethods;
extern const std::span<const MethodDef> kTupleMethods;
extern const std::span<const MethodDef> kDictMethods;
extern const std::span<const MethodDef> kSetMethods;
extern const std::span<const MethodDef> kFrozenSetMethods;
extern const std::span<const MethodDef> kRangeMethods;
extern const std::span<const MethodDef> kSliceMethods;
extern const std::span<const MethodDef> kDictKeysMethods;  // isdisjoint; set ops are operators
extern const std::span<const MethodDef> kDictItemsMethods;
extern const std::span<const MethodDef>
    kBaseExceptionMethods;  // with_traceback, add_note, args getter
extern const std::span<const MethodDef>
    kExceptionGroupMethods;  // __str__, derive, subgroup, split (message/exceptions: getattr)
extern const std::span<const MethodDef> kGeneratorMethods;  // send, throw, close
extern const std::span<const MethodDef> kCoroutineMethods;  // send, throw, close (no __next__)
extern const std::span<const MethodDef> kFunctionMethods;   // __name__ etc. getters
extern const std::span<const MethodDef> kPropertyMethods;   // getter, setter, deleter

// The protocol special methods of a builtin type ("abc".__len__, (5).__add__),
// appended to its method table by builtin_types.cpp (types/dunders.cpp).
std::span<const MethodDef> protocol_methods(BuiltinTypeId id);
// The builtin-types part of a binary operator / comparison, without user
// dunder dispatch: Undef when the operand types don't support it (the
// dunders above return NotImplemented then). Defined in protocols.cpp.
Value builtin_binary_op(VM& vm, BinOp op, Value a, Value b, bool inplace);
Value builtin_compare_op(VM& vm, CmpArg op, Value a, Value b);
// list, dict, set, bytearray, slice: their __hash__ is None (protocols.cpp).
bool is_unhashable_builtin(BuiltinTypeId t);

// ---- user subclasses of builtin data types (types/subclass.cpp) ------------------
// Whether user classes may derive from `id` (list, dict, str, int, ...).
bool is_subclassable_builtin(BuiltinTypeId id);
// The builtin value an instance of such a subclass wraps
// (InstanceObj::builtin_value), or Undef for anything else.
Value subclass_value(const VM& vm, Value v);
// VM::instantiate: creates the wrapped value of a new instance whose class
// derives from `base`. `user_init`: the class defines __init__, so a mutable
// base starts empty and that __init__ receives the arguments.
void init_subclass_instance(VM& vm, Value instance, BuiltinTypeId base, std::span<const Value> pos,
                            std::span<const Value> kw_names, std::span<const Value> kw_values,
                            bool user_init);
// The receiver of an unbound builtin method call (list.append(x, 1)): checks
// that `self` is an instance of `owner` (CPython's "descriptor 'append' for
// 'list' objects doesn't apply to a 'int' object") and unwraps subclass
// instances to their builtin value.
Value unbound_builtin_self(VM& vm, Value self, BuiltinTypeId owner, const char* method);
// list/dict/set __init__ (for super().__init__ in subclasses), appended to
// those types' method tables by builtin_types.cpp.
std::span<const MethodDef> builtin_init_method(BuiltinTypeId id);

// exc.__traceback__: a chain of `traceback` objects (tb_lineno, tb_next),
// or None if the exception was never raised (types/object_types.cpp).
Value exception_traceback(VM& vm, Value exc);

// ---- constructors: `T(args)` ---------------------------------------------------
Value construct_object(VM& vm, CallArgs& args);
Value construct_type(VM& vm, CallArgs& args);  // type(x)
Value construct_int(VM& vm, CallArgs& args);
Value construct_bool(VM& vm, CallArgs& args);
Value construct_float(VM& vm, CallArgs& args);
Value construct_str(VM& vm, CallArgs& args);
Value construct_bytes(VM& vm, CallArgs& args);
Value construct_list(VM& vm, CallArgs& args);
Value construct_tuple(VM& vm, CallArgs& args);
Value construct_dict(VM& vm, CallArgs& args);
Value construct_set(VM& vm, CallArgs& args);
Value construct_frozenset(VM& vm, CallArgs& args);
Value construct_range(VM& vm, CallArgs& args);
Value construct_slice(VM& vm, CallArgs& args);
Value construct_enumerate(VM& vm, CallArgs& args);
Value construct_zip(VM& vm, CallArgs& args);
Value construct_map(VM& vm, CallArgs& args);
Value construct_filter(VM& vm, CallArgs& args);
Value construct_reversed(VM& vm, CallArgs& args);
Value construct_exception(VM& vm, CallArgs& args);        // any BaseException subclass
Value construct_exception_group(VM& vm, CallArgs& args);  // BaseExceptionGroup.__new__
// BaseExceptionGroup.__new__'s checks and state for `cls` (a subclass too);
// fills `instance` if given, else makes one.
Value new_exception_group(VM& vm, Value cls, std::span<const Value> pos, Value instance = Value());
std::string exception_group_str(VM& vm, Value eg);      // str() of an exception group
std::vector<Value> builtin_type_mro(BuiltinTypeId id);  // __mro__ of a builtin type
Value construct_property(VM& vm, CallArgs& args);
bool is_callable(VM& vm, Value v);                // callable() (builtins/functions.cpp)
Value object_id(VM& vm, Value v);                 // id() (builtins/functions.cpp)
Value construct_partial(VM& vm, CallArgs& args);  // functools.partial (builtins/functools.cpp)
std::string partial_repr(VM& vm, Value partial);
// An lru_cache wrapper's attributes (cache_info, cache_clear, __wrapped__,
// and its function's __name__, __doc__...); Undef for others.
Value lru_cache_attr(VM& vm, Value wrapper, std::string_view name);
// The key of a call's arguments (CPython's _make_key: positional, then a
// marker and the keyword pairs, then with typed=True their types).
Value lru_cache_key(VM& vm, Value wrapper, const Value* args, uint32_t npos, const Value* kwn,
                    uint32_t nkw);
// Stores a miss's result under `key`, evicting the least recently used
// entries beyond maxsize.
void lru_cache_store(VM& vm, Value wrapper, Value key, Value result);
// A classmethod constructor's result when called on a user subclass
// (class I(int): I.from_bytes(...)): cls(result), as CPython does.
Value subclass_result(VM& vm, Value cls, Value result);
Value construct_staticmethod(VM& vm, CallArgs& args);
Value construct_classmethod(VM& vm, CallArgs& args);
Value construct_super(VM& vm, CallArgs& args);

// ---- str / bytes / bytearray (types/str.cpp, bytes.cpp, bytearray.cpp, str_format.cpp)
// The bytes of a bytes or bytearray value; null for anything else.
const std::string* bytes_like_data(const VM& vm, Value v);
extern const std::span<const MethodDef> kByteArrayMethods;  // the mutators; bytes's are appended
Value construct_bytearray(VM& vm, CallArgs& args);
std::string bytearray_repr(VM& vm, Value v);                       // bytearray(b'...')
void bytearray_setitem(VM& vm, Value ba, Value key, Value value);  // incl. slice assignment
void bytearray_delitem(VM& vm, Value ba, Value key);
std::string str_repr(std::string_view utf8);    // 'abc' with CPython's quote choice
std::string bytes_repr(std::string_view raw);   // b'...'
Value str_getitem(VM& vm, Value s, Value key);  // index or slice, by code point
Value bytes_getitem(VM& vm, Value b, Value key);
bool str_contains(VM& vm, Value s, Value sub);  // TypeError for non-str sub
bool bytes_contains(VM& vm, Value b, Value sub);
Value str_percent(VM& vm, Value fmt, Value args);  // fmt % args
Value bytes_percent(VM& vm, Value fmt, Value args);
// str.format(*args, **kwargs) core, shared by format_map.
Value str_format(VM& vm, Value fmt, CallArgs& args, Value mapping);
// Code point at index i of an ascii or non-ascii str (i in range).
Value str_char_at(VM& vm, Value s, int64_t i);

// ---- numbers (types/int.cpp, types/float.cpp) -------------------------------
std::string int_repr(VM& vm, Value v);  // int or BigInt, 4300-digit limit
std::string float_repr_value(double d);
// The value of an int, bool or BigInt as a BigInt (types/int.cpp).
BigInt int_to_bigint(VM& vm, Value v);
// int(d) for a float: truncates; ValueError for NaN, OverflowError for
// infinities, with CPython's wording (types/int.cpp).
Value float_to_int(VM& vm, double d);

// Accounts a list's capacity change to the heap when it goes out of scope:
// wrap every growth of a ListObj's items that bypasses the list methods.
struct GrowthMeter {
  GrowthMeter(VM& vm, const std::vector<Value>& items)
      : vm(vm), items(items), capacity(items.capacity()) {}
  ~GrowthMeter() {
    if (items.capacity() != capacity) {
      vm.heap.add_bytes((static_cast<int64_t>(items.capacity()) - static_cast<int64_t>(capacity)) *
                        static_cast<int64_t>(sizeof(Value)));
    }
  }
  GrowthMeter(const GrowthMeter&) = delete;
  GrowthMeter& operator=(const GrowthMeter&) = delete;
  VM& vm;
  const std::vector<Value>& items;
  size_t capacity;
};

// ---- containers (types/list.cpp, tuple.cpp, dict.cpp, set.cpp, range.cpp) ---
std::string list_repr(VM& vm, Value v);       // [1, 2] and [...] for cycles
std::string tuple_repr(VM& vm, Value v);      // (1,) and ()
std::string dict_repr(VM& vm, Value v);       // {1: 2} and {...}
std::string set_repr(VM& vm, Value v);        // {1, 2}, set(), frozenset({1})
std::string dict_view_repr(VM& vm, Value v);  // dict_keys([1, 2])
std::string range_repr(VM& vm, Value v);      // range(0, 3) / range(0, 9, 2)
std::string slice_repr(VM& vm, Value v);      // slice(1, None, None)
Value list_getitem(VM& vm, Value list, Value key);
void list_setitem(VM& vm, Value list, Value key, Value value);  // incl. slice assignment
void list_delitem(VM& vm, Value list, Value key);
Value tuple_getitem(VM& vm, Value tuple, Value key);
Value range_getitem(VM& vm, Value range, Value key);
bool range_contains(VM& vm, Value range, Value item);
bool range_eq(VM& vm, Value a, Value b);
Value dict_getitem(VM& vm, Value dict, Value key);  // KeyError; no __missing__
// Sequence comparison helpers (list/tuple lexicographic, set subset order).
Value sequence_compare(VM& vm, CmpArg op, std::span<const Value> a, std::span<const Value> b);
Value set_compare(VM& vm, CmpArg op, Value a, Value b);  // NotImplemented-less: Undef if not sets
bool set_eq(VM& vm, Value a, Value b);
bool dict_eq(VM& vm, Value a, Value b);
// Binary operators on containers; return Undef when the operand types are
// not supported (the VM then raises "unsupported operand type(s)").
Value set_binary_op(VM& vm, BinOp op, Value a, Value b, bool inplace);   // | & - ^
Value dict_binary_op(VM& vm, BinOp op, Value a, Value b, bool inplace);  // |
Value dict_view_binary_op(VM& vm, BinOp op, Value a, Value b);           // keys/items set ops
bool dict_view_contains(VM& vm, Value view, Value item);
// Comparisons of a keys()/items() view with a set, frozenset or another such
// view (either operand may be the view): == != < <= > >= as subset order.
// Undef when not applicable (values views, other operand types).
Value dict_view_compare(VM& vm, CmpArg op, Value a, Value b);
int64_t dict_view_len(VM& vm, Value view);
// The two halves of slice_indices (types/slice.cpp), for callers that must
// re-read their length after __index__ ran (it may mutate the container):
// PySlice_Unpack (None -> defaults, huge ints clamped, "slice step cannot be
// zero") and PySlice_AdjustIndices (clamps to `length`, returns the count).
void slice_unpack(VM& vm, Value slice, int64_t* start, int64_t* stop, int64_t* step);
int64_t slice_adjust(int64_t length, int64_t* start, int64_t* stop, int64_t step);
// Slice resolution with CPython's clamping rules; returns the slice length.
int64_t slice_indices(VM& vm, Value slice, int64_t length, int64_t* start, int64_t* stop,
                      int64_t* step);
// Adds every item of `iterable` to the set/frozenset `set` (hashing them).
// gc_safe: see VM::next_gc_safe (only for a constructor that claimed its call).
void set_update_from(VM& vm, Value set, Value iterable, bool gc_safe = false);
void dict_update_from(VM& vm, Value dict, Value other);
// set.difference_update / set.symmetric_difference_update with one iterable
// argument (types/set.cpp); the dict views' set operators use them.
void set_difference_update_from(VM& vm, Value set, Value iterable);
void set_symmetric_difference_update_from(
    VM& vm, Value set, Value iterable);   // mapping or iterable of pairs; kwargs handled by caller
Value list_sort(VM& vm, CallArgs& args);  // list.sort(key=None, reverse=False), used by sorted()
// Sorts `items` by `keys` (one per item, same order), stably, as list.sort
// with a key function does once it has the keys.
void sort_by_keys(VM& vm, std::vector<Value>& items, const std::vector<Value>& keys, bool reverse);

// ---- helpers shared by the container types (defined in types/list.cpp) -----
// Equality when it can be decided without running Python code (identity,
// numbers, str, bytes, None): 1 equal, 0 not equal, -1 unknown (call vm.eq).
// Lets hash-table probes and sequence comparisons skip the generic protocol.
int fast_eq(const VM& vm, Value a, Value b);
// Full equality with the identity shortcut of PyObject_RichCompareBool.
inline bool eq_fast(VM& vm, Value a, Value b) {
  int r = fast_eq(vm, a, b);
  return r >= 0 ? r == 1 : vm.eq(a, b);
}
// CPython's argument-count errors for METH_O and METH_NOARGS methods:
// "list.append() takes exactly one argument (0 given)" (also rejects kwargs:
// "list.append() takes no keyword arguments").
void check_one_arg(VM& vm, const CallArgs& args, const char* qualname);
// "list.clear() takes no arguments (1 given)".
void check_no_args(VM& vm, const CallArgs& args, const char* qualname);
// Index of a sequence subscript: false when `key` is a slice; TypeError
// "<type_name> indices must be integers or slices, not <type>"; IndexError
// "cannot fit 'int' into an index-sized integer" for huge ints.
bool seq_index_key(VM& vm, Value key, const char* type_name, int64_t* out);
// iter(v), turning a TypeError raised while getting the iterator into
// TypeError(message), as CPython's PySequence_Fast does
// ("can only assign an iterable").
Value iter_or_type_error(VM& vm, Value v, const char* message);
// Marks a container as being repr'd (VM::repr_stack) so a cycle prints as
// [...] / {...}. `active` is false when the object was already on the stack.
struct ReprGuard {
  ReprGuard(VM& vm, Value v);
  ~ReprGuard();
  ReprGuard(const ReprGuard&) = delete;
  ReprGuard& operator=(const ReprGuard&) = delete;
  VM& vm;
  bool active;
};
// New empty set/frozenset using CPython's set table layout (Dict::use_set_layout).
Value new_set_object(VM& vm, bool frozen);

// ---- iteration (builtins/iterators.cpp) --------------------------------------
// iter() of a builtin iterable (list, tuple, str, bytes, range, dict, set,
// dict views, builtin iterators themselves); Undef if `v` is not one.
Value builtin_iter(VM& vm, Value v);
// Advances a builtin iterator (IterObj). False when exhausted.
// gc_safe: the caller may let Python code collect (VM::next_gc_safe); the
// composite iterators (map, filter, enumerate, zip) then advance their
// sources and call their functions as GC-safe entries too.
bool iter_next(VM& vm, IterObj* it, Value* out, bool gc_safe = false);
// Marks an iterator finished and drops what it held (as CPython does), so it
// stays finished even if its container grows again.
void finish_iter(IterObj* it);
// The next arguments of a map iterator's function, one from each of its
// iterators (`args` is the caller's, rooted if it needs to be); false, with
// the map finished, when one of them is exhausted.
bool map_next_args(VM& vm, IterObj* it, std::vector<Value>* args, bool gc_safe);
// zip's argument i is exhausted: zip(strict=True)'s ValueError if the others
// are not (CPython's checks, advancing them).
void zip_source_exhausted(VM& vm, IterObj* it, size_t i);
// min()/max()'s comparison: `a > b` (max) or `a < b` (min), CPython's order.
bool min_max_better(VM& vm, Value a, Value b, bool is_max);
// A call's keyword names and values as two tuples (both Undef without
// keywords), for consumer frames that apply them at the end (sorted, dict).
std::pair<Value, Value> keyword_tuples(VM& vm, const CallArgs& args);
// Adds element #n of dict(iterable) / dict.update(iterable): a pair, or
// CPython's ValueError/TypeError.
void dict_add_pair(VM& vm, Dict& d, Value item, size_t n);

// ---- builtin functions (builtins/functions.cpp, builtins/math.cpp) ------------
extern const std::span<const BuiltinFnDef> kBuiltinFunctions;  // print, len, ...
// Calls the special method `name` found on the type of `obj` (an instance
// of a user class) with obj as self, e.g. call_dunder(vm, x, "__index__").
// Returns Undef, without calling anything, when the type has no such method.
Value call_dunder(VM& vm, Value obj, std::string_view name, std::span<const Value> args = {});
// __index__ conversion that keeps big ints: returns an int Value (small or
// BigInt; bools become plain ints) or raises TypeError "'float' object
// cannot be interpreted as an integer" (builtins/functions.cpp).
Value to_int_index(VM& vm, Value v);
extern const std::span<const BuiltinFnDef> kMathFunctions;  // math.sqrt, ...
// Module attributes that are not functions (math.pi, math.e, math.inf, ...).
void init_math_module(VM& vm, ModuleObj* module);
// The typing module (builtins/typing.cpp): its functions, its attributes, and
// its special forms (Any, Optional, Generic, ...: instances of TypingForm
// holding their name; typing_form_name is empty for anything else).
extern const std::span<const BuiltinFnDef> kTypingFunctions;
void init_typing_module(VM& vm, ModuleObj* module);
// The json module (builtins/json.cpp): dumps, loads, JSONDecodeError.
extern const std::span<const BuiltinFnDef> kJsonFunctions;
void init_json_module(VM& vm, ModuleObj* module);
// The functools module (builtins/functools.cpp): reduce.
extern const std::span<const BuiltinFnDef> kFunctoolsFunctions;
extern const std::span<const BuiltinFnDef> kHeapqFunctions;
extern const std::span<const BuiltinFnDef> kBisectFunctions;
void init_bisect_module(VM& vm, ModuleObj* module);
extern const std::span<const BuiltinFnDef> kStringFunctions;
void init_string_module(VM& vm, ModuleObj* module);
void init_functools_module(VM& vm, ModuleObj* module);
// The builtin-function value of a native in the table of every builtin
// function (not reachable by name: what a decorator binds, the methods of
// the classes a module makes natively). Found by a scan of the table: for
// set-up and decoration, not for hot paths (builtins/functools.cpp).
Value hidden_fn(NativeFn fn);
// The hidden state of a class a module makes natively: an instance
// attribute whose name starts with a space (" pattern", " td"), which
// attribute syntax cannot reach. Undef if `self` is not an instance or lacks
// it; callers validate what they read (a program can setattr it, snapshot
// bytes can hold anything). set_hidden_attr needs an instance.
Value hidden_attr(VM& vm, Value self, const char* slot);
void set_hidden_attr(VM& vm, Value self, const char* slot, Value v);
// An attribute of an imported module (the classes a module made at import:
// functools._CacheInfo, collections.Counter); RuntimeError if the module or
// the name is missing (snapshot bytes altered to leave them out).
Value imported_module_attr(VM& vm, std::string_view module, std::string_view name);
// A class a module makes natively: sets the namespace's __module__ and
// __qualname__ and makes it. `c_type`: named "module.name" like CPython's C
// types (what messages print: "unhashable type: 'collections.deque'"; its
// __name__ stays "name").
// The namespace of such a class: the function-table entries whose module is
// `prefix` as methods, those of `prefix` + "S" as staticmethods (__new__).
Value native_class_namespace(VM& vm, std::string_view prefix);
Value make_module_class(VM& vm, std::string_view module, const char* name,
                        const std::vector<Value>& bases, Value ns, bool c_type = false);
// The collections module (builtins/collections.cpp): defaultdict, Counter
// and OrderedDict (dict subclasses), namedtuple (tuple subclasses), made
// natively as classes whose methods are hidden builtin functions.
extern const std::span<const BuiltinFnDef> kCollectionsFunctions;
void init_collections_module(VM& vm, ModuleObj* module);
// The class of `class P(NamedTuple): x: int` (VM::build_class calls it for a
// typing.NamedTuple base).
Value build_typed_namedtuple(VM& vm, Value name, const std::vector<Value>& bases, Value ns);
// The enum module (builtins/enum.cpp). enum_members: the members of an enum
// class in definition order (a new list), Undef for any other value: the
// VM iterates, sizes and searches an enum class through it, as CPython's
// EnumType does. is_enum_member_name: `name` is a member (or alias) of cls.
// The abc module (builtins/abc.cpp): ABC, abstractmethod,
// update_abstractmethods (see VM::update_abstract_methods).
extern const std::span<const BuiltinFnDef> kAbcFunctions;
void init_abc_module(VM& vm, ModuleObj* module);
// isinstance(cls, abc.ABCMeta): `cls` derives from ABC (there is no
// metaclass; builtins/functions.cpp asks this for a class and a class).
bool is_abc_meta_instance(VM& vm, Value obj, Value cls);
extern const std::span<const BuiltinFnDef> kEnumFunctions;
void init_enum_module(VM& vm, ModuleObj* module);
Value enum_members(VM& vm, Value cls);
bool is_enum_member_name(VM& vm, Value cls, Value name);
// The dataclasses module (builtins/dataclasses.cpp): @dataclass installs
// shared native methods that read the class's __dataclass_fields__.
extern const std::span<const BuiltinFnDef> kDataclassesFunctions;
void init_dataclasses_module(VM& vm, ModuleObj* module);
// The itertools module (builtins/itertools.cpp): its types are IterObj
// kinds, ItCount to ItTee in BuiltinTypeId; tee() is its one function.
extern const std::span<const BuiltinFnDef> kItertoolsFunctions;
bool is_itertools_type(BuiltinTypeId t);
NativeFn itertools_constructor(BuiltinTypeId t);  // null for _grouper
// chain.from_iterable, _tee.__copy__; empty for the others.
std::span<const MethodDef> itertools_methods(BuiltinTypeId t);
bool itertools_next(VM& vm, IterObj* it, Value* out, bool gc_safe);
// repr() of count and repeat; empty for the others (the default repr).
std::string itertools_repr(VM& vm, IterObj* it);
void init_itertools_module(VM& vm, ModuleObj* module);
// The re module (builtins/re.cpp; the engine is runtime/regex/).
extern const std::span<const BuiltinFnDef> kReFunctions;
void init_re_module(VM& vm, ModuleObj* module);
// The datetime module (builtins/datetime.cpp): timedelta, date, time,
// datetime, tzinfo and timezone, made natively like re.Pattern.
extern const std::span<const BuiltinFnDef> kDatetimeFunctions;
void init_datetime_module(VM& vm, ModuleObj* module);
// The copy module (builtins/copy.cpp): copy and deepcopy.
extern const std::span<const BuiltinFnDef> kCopyFunctions;
// The random module (builtins/random.cpp): random.Random and its methods.
extern const std::span<const BuiltinFnDef> kRandomFunctions;
void init_random_module(VM& vm, ModuleObj* module);
// The operator module (builtins/operator.cpp): the operator functions,
// itemgetter, attrgetter and methodcaller.
extern const std::span<const BuiltinFnDef> kOperatorFunctions;
void init_operator_module(VM& vm, ModuleObj* module);
// collections.abc (builtins/collections_abc.cpp): the module, made when
// imported; and the isinstance()/issubclass() test of its classes: false if
// `cls` is not one of them, else true with *result set.
extern const std::span<const BuiltinFnDef> kCollectionsAbcFunctions;
// textwrap's dedent and indent (builtins/textwrap.cpp).
extern const std::span<const BuiltinFnDef> kTextwrapFunctions;
// functools.total_ordering and cached_property (builtins/functools_extra.cpp).
extern const std::span<const BuiltinFnDef> kFunctoolsExtraFunctions;
void init_functools_extra(VM& vm, ModuleObj* module);
// The asyncio module (builtins/asyncio.cpp): run, sleep, gather, create_task,
// ..., Task and Future; its event loop runs as a frame (Consumer::EventLoop).
extern const std::span<const BuiltinFnDef> kAsyncioFunctions;
void init_asyncio_module(VM& vm, ModuleObj* module);
Value make_collections_abc_module(VM& vm);
bool collections_abc_check(VM& vm, Value obj_or_cls, Value cls, bool is_instance_check,
                           bool* result);
std::string_view typing_form_name(VM& vm, Value v);
Value typing_form_getitem(VM& vm, Value form, Value key);

}  // namespace monty
