// The builtin types, written once (X-macro): id, Python name, base type.
// Generates the BuiltinTypeId enum and, in builtin_types.cpp, the static
// TypeInfo table. Builtin types are immutable and shared by all sessions;
// a Value of Tag::Type names one by index.
#pragma once

#include <cstdint>

// X(Id, "python name", BaseId)
#define MONTY_BUILTIN_TYPES(X)                                              \
  X(Object, "object", Object)                                               \
  X(Type, "type", Object)                                                   \
  X(NoneType, "NoneType", Object)                                           \
  X(NotImplementedType, "NotImplementedType", Object)                       \
  X(Ellipsis, "ellipsis", Object)                                           \
  X(Int, "int", Object)                                                     \
  X(Bool, "bool", Int)                                                      \
  X(Float, "float", Object)                                                 \
  X(Str, "str", Object)                                                     \
  X(Bytes, "bytes", Object)                                                 \
  X(ByteArray, "bytearray", Object)                                         \
  X(List, "list", Object)                                                   \
  X(Tuple, "tuple", Object)                                                 \
  X(Dict, "dict", Object)                                                   \
  X(Set, "set", Object)                                                     \
  X(FrozenSet, "frozenset", Object)                                         \
  X(Range, "range", Object)                                                 \
  X(Slice, "slice", Object)                                                 \
  X(Function, "function", Object)                                           \
  X(BuiltinFunction, "builtin_function_or_method", Object)                  \
  X(Method, "method", Object)                                               \
  X(Generator, "generator", Object)                                         \
  X(Module, "module", Object)                                               \
  X(Property, "property", Object)                                           \
  X(StaticMethod, "staticmethod", Object)                                   \
  X(ClassMethod, "classmethod", Object)                                     \
  X(Super, "super", Object)                                                 \
  X(Cell, "cell", Object)                                                   \
  X(Traceback, "traceback", Object)                                         \
  X(DictKeys, "dict_keys", Object)                                          \
  X(DictValues, "dict_values", Object)                                      \
  X(DictItems, "dict_items", Object)                                        \
  X(ListIterator, "list_iterator", Object)                                  \
  X(ListReverseIterator, "list_reverseiterator", Object)                    \
  X(TupleIterator, "tuple_iterator", Object)                                \
  X(StrIterator, "str_ascii_iterator", Object)                              \
  X(BytesIterator, "bytes_iterator", Object)                                \
  X(ByteArrayIterator, "bytearray_iterator", Object)                        \
  X(RangeIterator, "range_iterator", Object)                                \
  X(DictKeyIterator, "dict_keyiterator", Object)                            \
  X(DictValueIterator, "dict_valueiterator", Object)                        \
  X(DictItemIterator, "dict_itemiterator", Object)                          \
  X(SetIterator, "set_iterator", Object)                                    \
  X(Enumerate, "enumerate", Object)                                         \
  X(Zip, "zip", Object)                                                     \
  X(Map, "map", Object)                                                     \
  X(Filter, "filter", Object)                                               \
  X(Reversed, "reversed", Object)                                           \
  X(CallableIterator, "callable_iterator", Object)                          \
  X(SeqIterator, "iterator", Object)                                        \
  /* exceptions */                                                          \
  X(BaseException, "BaseException", Object)                                 \
  X(SystemExit, "SystemExit", BaseException)                                \
  X(KeyboardInterrupt, "KeyboardInterrupt", BaseException)                  \
  X(GeneratorExit, "GeneratorExit", BaseException)                          \
  X(Exception, "Exception", BaseException)                                  \
  X(ArithmeticError, "ArithmeticError", Exception)                          \
  X(FloatingPointError, "FloatingPointError", ArithmeticError)              \
  X(OverflowError, "OverflowError", ArithmeticError)                        \
  X(ZeroDivisionError, "ZeroDivisionError", ArithmeticError)                \
  X(AssertionError, "AssertionError", Exception)                            \
  X(AttributeError, "AttributeError", Exception)                            \
  X(BufferError, "BufferError", Exception)                                  \
  X(EOFError, "EOFError", Exception)                                        \
  X(ImportError, "ImportError", Exception)                                  \
  X(ModuleNotFoundError, "ModuleNotFoundError", ImportError)                \
  X(LookupError, "LookupError", Exception)                                  \
  X(IndexError, "IndexError", LookupError)                                  \
  X(KeyError, "KeyError", LookupError)                                      \
  X(MemoryError, "MemoryError", Exception)                                  \
  X(NameError, "NameError", Exception)                                      \
  X(UnboundLocalError, "UnboundLocalError", NameError)                      \
  X(OSError, "OSError", Exception)                                          \
  X(TimeoutError, "TimeoutError", OSError)                                  \
  X(ReferenceError, "ReferenceError", Exception)                            \
  X(RuntimeError, "RuntimeError", Exception)                                \
  X(NotImplementedError, "NotImplementedError", RuntimeError)               \
  X(RecursionError, "RecursionError", RuntimeError)                         \
  X(StopIteration, "StopIteration", Exception)                              \
  X(StopAsyncIteration, "StopAsyncIteration", Exception)                    \
  X(SyntaxError, "SyntaxError", Exception)                                  \
  X(IndentationError, "IndentationError", SyntaxError)                      \
  X(TabError, "TabError", IndentationError)                                 \
  X(SystemError, "SystemError", Exception)                                  \
  X(TypeError, "TypeError", Exception)                                      \
  X(ValueError, "ValueError", Exception)                                    \
  X(UnicodeError, "UnicodeError", ValueError)                               \
  X(UnicodeDecodeError, "UnicodeDecodeError", UnicodeError)                 \
  X(UnicodeEncodeError, "UnicodeEncodeError", UnicodeError)                 \
  X(Warning, "Warning", Exception)                                          \
  X(UserWarning, "UserWarning", Warning)                                    \
  X(DeprecationWarning, "DeprecationWarning", Warning)                      \
  X(RuntimeWarning, "RuntimeWarning", Warning)                              \
  /* appended: type ids are stored in snapshots */                          \
  X(UnionType, "types.UnionType", Object)                                   \
  X(TypingForm, "_SpecialForm", Object)                                     \
  /* the rest of CPython's builtin exceptions (programs name them in        \
     except clauses even when nothing here raises them) */                  \
  X(BlockingIOError, "BlockingIOError", OSError)                            \
  X(ChildProcessError, "ChildProcessError", OSError)                        \
  X(ConnectionError, "ConnectionError", OSError)                            \
  X(BrokenPipeError, "BrokenPipeError", ConnectionError)                    \
  X(ConnectionAbortedError, "ConnectionAbortedError", ConnectionError)      \
  X(ConnectionRefusedError, "ConnectionRefusedError", ConnectionError)      \
  X(ConnectionResetError, "ConnectionResetError", ConnectionError)          \
  X(FileExistsError, "FileExistsError", OSError)                            \
  X(FileNotFoundError, "FileNotFoundError", OSError)                        \
  X(InterruptedError, "InterruptedError", OSError)                          \
  X(IsADirectoryError, "IsADirectoryError", OSError)                        \
  X(NotADirectoryError, "NotADirectoryError", OSError)                      \
  X(PermissionError, "PermissionError", OSError)                            \
  X(ProcessLookupError, "ProcessLookupError", OSError)                      \
  X(UnicodeTranslateError, "UnicodeTranslateError", UnicodeError)           \
  X(SyntaxWarning, "SyntaxWarning", Warning)                                \
  X(FutureWarning, "FutureWarning", Warning)                                \
  X(PendingDeprecationWarning, "PendingDeprecationWarning", Warning)        \
  X(ImportWarning, "ImportWarning", Warning)                                \
  X(UnicodeWarning, "UnicodeWarning", Warning)                              \
  X(BytesWarning, "BytesWarning", Warning)                                  \
  X(ResourceWarning, "ResourceWarning", Warning)                            \
  X(EncodingWarning, "EncodingWarning", Warning)                            \
  /* module-level exception types (builtin_type_module names the module) */ \
  X(JSONDecodeError, "JSONDecodeError", ValueError)                         \
  /* the itertools types (builtins/itertools.cpp), ItCount to ItTee in      \
     this order */                                                          \
  X(ItCount, "itertools.count", Object)                                     \
  X(ItCycle, "itertools.cycle", Object)                                     \
  X(ItRepeat, "itertools.repeat", Object)                                   \
  X(ItAccumulate, "itertools.accumulate", Object)                           \
  X(ItChain, "itertools.chain", Object)                                     \
  X(ItCompress, "itertools.compress", Object)                               \
  X(ItDropWhile, "itertools.dropwhile", Object)                             \
  X(ItTakeWhile, "itertools.takewhile", Object)                             \
  X(ItFilterFalse, "itertools.filterfalse", Object)                         \
  X(ItStarMap, "itertools.starmap", Object)                                 \
  X(ItPairwise, "itertools.pairwise", Object)                               \
  X(ItZipLongest, "itertools.zip_longest", Object)                          \
  X(ItISlice, "itertools.islice", Object)                                   \
  X(ItGroupBy, "itertools.groupby", Object)                                 \
  X(ItGrouper, "itertools._grouper", Object)                                \
  X(ItProduct, "itertools.product", Object)                                 \
  X(ItPermutations, "itertools.permutations", Object)                       \
  X(ItCombinations, "itertools.combinations", Object)                       \
  X(ItCombinationsWR, "itertools.combinations_with_replacement", Object)    \
  X(ItTee, "itertools._tee", Object)                                        \
  X(Partial, "functools.partial", Object)                                   \
  X(LruCacheWrapper, "functools._lru_cache_wrapper", Object)                \
  X(KeyWrapper, "functools.KeyWrapper", Object)                             \
  /* appended: the re module's exception (builtin_type_module) */           \
  X(ReError, "error", Exception)                                            \
  /* appended: async def's objects and asyncio's exceptions */              \
  X(Coroutine, "coroutine", Object)                                         \
  X(CancelledError, "CancelledError", BaseException)                        \
  X(InvalidStateError, "InvalidStateError", Exception)                      \
  X(QueueEmpty, "QueueEmpty", Exception)                                    \
  X(QueueFull, "QueueFull", Exception)                                      \
  /* appended: exception groups; ExceptionGroup also derives from           \
     BaseExceptionGroup (VM::is_subclass knows) */                          \
  X(BaseExceptionGroup, "BaseExceptionGroup", BaseException)                \
  X(ExceptionGroup, "ExceptionGroup", Exception)

namespace monty {

enum class BuiltinTypeId : uint32_t {
#define MONTY_X(id, name, base) id,
  MONTY_BUILTIN_TYPES(MONTY_X)
#undef MONTY_X
      Count
};

inline constexpr uint32_t kBuiltinTypeCount = static_cast<uint32_t>(BuiltinTypeId::Count);

// The module a builtin type belongs to when it is not `builtins`, for the
// places CPython qualifies the name (a traceback's last line); else null.
inline const char* builtin_type_module(BuiltinTypeId id) {
  if (id == BuiltinTypeId::JSONDecodeError) return "json.decoder";
  if (id == BuiltinTypeId::CancelledError || id == BuiltinTypeId::InvalidStateError)
    return "asyncio.exceptions";
  if (id == BuiltinTypeId::QueueEmpty || id == BuiltinTypeId::QueueFull) return "asyncio.queues";
  return id == BuiltinTypeId::ReError ? "re" : nullptr;
}

}  // namespace monty
