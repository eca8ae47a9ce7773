// The static table of builtin types and builtin functions, assembled from
// the X-macro list in builtin_types.h and the per-type method tables.

#include <array>
#include <unordered_map>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

struct TypeSlots {
  std::span<const MethodDef> methods;
  NativeFn construct;
};

// Methods and constructor of each builtin type; types not listed have none.
TypeSlots slots_for(BuiltinTypeId id) {
  using T = BuiltinTypeId;
  switch (id) {
    case T::Object:
      return {kObjectMethods, construct_object};
    case T::Type:
      return {{}, construct_type};
    case T::Int:
      return {kIntMethods, construct_int};
    case T::Bool:
      return {{}, construct_bool};
    case T::Float:
      return {kFloatMethods, construct_float};
    case T::Str:
      return {kStrMethods, construct_str};
    case T::Bytes:
      return {kBytesMethods, construct_bytes};
    case T::ByteArray:
      return {kByteArrayMethods, construct_bytearray};
    case T::List:
      return {kListMethods, construct_list};
    case T::Tuple:
      return {kTupleMethods, construct_tuple};
    case T::Dict:
      return {kDictMethods, construct_dict};
    case T::Set:
      return {kSetMethods, construct_set};
    case T::FrozenSet:
      return {kFrozenSetMethods, construct_frozenset};
    case T::Range:
      return {kRangeMethods, construct_range};
    case T::Slice:
      return {kSliceMethods, construct_slice};
    case T::DictKeys:
      return {kDictKeysMethods, nullptr};
    case T::DictItems:
      return {kDictItemsMethods, nullptr};
    case T::Enumerate:
      return {{}, construct_enumerate};
    case T::Zip:
      return {{}, construct_zip};
    case T::Map:
      return {{}, construct_map};
    case T::Filter:
      return {{}, construct_filter};
    case T::Reversed:
      return {{}, construct_reversed};
    case T::Property:
      return {kPropertyMethods, construct_property};
    case T::StaticMethod:
      return {{}, construct_staticmethod};
    case T::ClassMethod:
      return {{}, construct_classmethod};
    case T::Super:
      return {{}, construct_super};
    case T::Partial:
      return {{}, construct_partial};
    case T::Generator:
      return {kGeneratorMethods, nullptr};
    case T::Coroutine:
      return {kCoroutineMethods, nullptr};
    case T::Function:
      return {kFunctionMethods, nullptr};
    case T::BaseException:
      return {kBaseExceptionMethods, construct_exception};
    case T::BaseExceptionGroup:
    case T::ExceptionGroup:
      return {kExceptionGroupMethods, construct_exception_group};
    default:
      if (is_itertools_type(id)) return {itertools_methods(id), itertools_constructor(id)};
      break;
  }
  return {{}, nullptr};
}

struct TypeTable {
  std::array<TypeInfo, kBuiltinTypeCount> types;
  // Each type's own methods followed by its protocol dunders and __init__
  // (those it does not define itself); TypeInfo::methods views these.
  std::array<std::vector<MethodDef>, kBuiltinTypeCount> method_storage;
  TypeTable() {
    const char* names[] = {
#define MONTY_X(id, name, base) name,
        MONTY_BUILTIN_TYPES(MONTY_X)
#undef MONTY_X
    };
    const BuiltinTypeId bases[] = {
#define MONTY_X(id, name, base) BuiltinTypeId::base,
        MONTY_BUILTIN_TYPES(MONTY_X)
#undef MONTY_X
    };
    for (uint32_t i = 0; i < kBuiltinTypeCount; i++) {
      auto id = static_cast<BuiltinTypeId>(i);
      TypeSlots s = slots_for(id);
      std::vector<MethodDef>& methods = method_storage[i];
      methods.assign(s.methods.begin(), s.methods.end());
      // bytearray has every read-only method of bytes (types/bytes.cpp).
      std::span<const MethodDef> shared =
          id == BuiltinTypeId::ByteArray ? kBytesMethods : std::span<const MethodDef>();
      for (std::span<const MethodDef> extra :
           {shared, protocol_methods(id), builtin_init_method(id)}) {
        for (const MethodDef& d : extra) {
          bool own = false;
          for (const MethodDef& m : s.methods) own = own || std::string_view(m.name) == d.name;
          if (!own) methods.push_back(d);
        }
      }
      s.methods = methods;
      // Exception subclasses are constructed like BaseException.
      bool is_exception = false;
      for (BuiltinTypeId t = id; t != BuiltinTypeId::Object; t = bases[static_cast<uint32_t>(t)])
        is_exception = is_exception || t == BuiltinTypeId::BaseException;
      if (!s.construct && is_exception) s.construct = construct_exception;
      types[i] = TypeInfo{names[i], bases[i], s.methods, s.construct};
    }
  }
};

const TypeTable& table() {
  static const TypeTable t;  // immutable after construction
  return t;
}

struct FnTable {
  std::vector<BuiltinFnDef> fns;
  FnTable() {
    fns.assign(kBuiltinFunctions.begin(), kBuiltinFunctions.end());
    fns.insert(fns.end(), kMathFunctions.begin(), kMathFunctions.end());
    fns.insert(fns.end(), kTypingFunctions.begin(), kTypingFunctions.end());
    fns.insert(fns.end(), kJsonFunctions.begin(), kJsonFunctions.end());
    fns.insert(fns.end(), kFunctoolsFunctions.begin(), kFunctoolsFunctions.end());
    fns.insert(fns.end(), kHeapqFunctions.begin(), kHeapqFunctions.end());
    fns.insert(fns.end(), kBisectFunctions.begin(), kBisectFunctions.end());
    fns.insert(fns.end(), kStringFunctions.begin(), kStringFunctions.end());
    fns.insert(fns.end(), kItertoolsFunctions.begin(), kItertoolsFunctions.end());
    fns.insert(fns.end(), kCollectionsFunctions.begin(), kCollectionsFunctions.end());
    fns.insert(fns.end(), kDataclassesFunctions.begin(), kDataclassesFunctions.end());
    fns.insert(fns.end(), kEnumFunctions.begin(), kEnumFunctions.end());
    fns.insert(fns.end(), kAbcFunctions.begin(), kAbcFunctions.end());
    fns.insert(fns.end(), kReFunctions.begin(), kReFunctions.end());
    fns.insert(fns.end(), kDatetimeFunctions.begin(), kDatetimeFunctions.end());
    fns.insert(fns.end(), kCopyFunctions.begin(), kCopyFunctions.end());
    fns.insert(fns.end(), kRandomFunctions.begin(), kRandomFunctions.end());
    fns.insert(fns.end(), kOperatorFunctions.begin(), kOperatorFunctions.end());
    fns.insert(fns.end(), kCollectionsAbcFunctions.begin(), kCollectionsAbcFunctions.end());
    fns.insert(fns.end(), kTextwrapFunctions.begin(), kTextwrapFunctions.end());
    fns.insert(fns.end(), kFunctoolsExtraFunctions.begin(), kFunctoolsExtraFunctions.end());
    fns.insert(fns.end(), kAsyncioFunctions.begin(), kAsyncioFunctions.end());
  }
};

const FnTable& fn_table() {
  static const FnTable t;
  return t;
}

}  // namespace

bool is_native_method(Value v) {
  if (!v.is_builtin_fn() || (v.id & (kMethodRefBit | kExternalBit))) return false;
  const auto& fns = fn_table().fns;
  return v.id < fns.size() && fns[v.id].binds;
}

const TypeInfo& type_info(BuiltinTypeId id) { return table().types[static_cast<uint32_t>(id)]; }

namespace {
// Name -> method index per builtin type, built once (immutable afterwards).
struct MethodIndex {
  std::array<std::unordered_map<std::string_view, uint32_t>, kBuiltinTypeCount> by_type;
  MethodIndex() {
    for (uint32_t t = 0; t < kBuiltinTypeCount; t++) {
      const auto& methods = type_info(static_cast<BuiltinTypeId>(t)).methods;
      for (size_t i = 0; i < methods.size(); i++)
        by_type[t].emplace(methods[i].name, static_cast<uint32_t>(i));
    }
  }
};
const MethodIndex& method_index() {
  static const MethodIndex m;
  return m;
}
}  // namespace

const MethodDef* find_method(BuiltinTypeId id, std::string_view name, uint32_t* index) {
  const auto& map = method_index().by_type[static_cast<uint32_t>(id)];
  if (map.empty()) return nullptr;
  auto it = map.find(name);
  if (it == map.end()) return nullptr;
  if (index) *index = it->second;
  return &type_info(id).methods[it->second];
}

std::span<const BuiltinFnDef> builtin_functions() { return fn_table().fns; }

Value lookup_builtin(std::string_view name) {
  const auto& fns = fn_table().fns;
  for (size_t i = 0; i < fns.size(); i++) {
    if (!fns[i].module && name == fns[i].name) return Value::builtin_fn(static_cast<uint32_t>(i));
  }
  // Builtin types visible as names (int, str, ValueError, ...). Internal
  // iterator/view types are not builtins in CPython either.
  using T = BuiltinTypeId;
  for (uint32_t i = 0; i < kBuiltinTypeCount; i++) {
    auto id = static_cast<T>(i);
    switch (id) {
      case T::Type:
      case T::NoneType:
      case T::NotImplementedType:
      case T::Ellipsis:
      case T::Function:
      case T::BuiltinFunction:
      case T::Method:
      case T::Generator:
      case T::Coroutine:
      case T::Module:
      case T::Cell:
      case T::Traceback:
      case T::DictKeys:
      case T::DictValues:
      case T::DictItems:
      case T::ListIterator:
      case T::ListReverseIterator:
      case T::TupleIterator:
      case T::StrIterator:
      case T::BytesIterator:
      case T::ByteArrayIterator:
      case T::RangeIterator:
      case T::DictKeyIterator:
      case T::DictValueIterator:
      case T::DictItemIterator:
      case T::SetIterator:
      case T::CallableIterator:
      case T::SeqIterator:
      case T::UnionType:
      case T::TypingForm:
      case T::JSONDecodeError:  // module attributes (json.JSONDecodeError, re.error, asyncio's)
      case T::ReError:
      case T::CancelledError:
      case T::InvalidStateError:
      case T::QueueEmpty:
      case T::QueueFull:
        if (id == T::Type && name == "type") return Value::type(i);
        continue;
      default:
        break;
    }
    if (name == type_info(id).name) return Value::type(i);
  }
  if (name == "Ellipsis") return Value::type(static_cast<uint32_t>(T::Ellipsis));
  // CPython's aliases of OSError.
  if (name == "IOError" || name == "EnvironmentError")
    return Value::type(static_cast<uint32_t>(T::OSError));
  if (name == "NotImplemented") return Value::type(static_cast<uint32_t>(T::NotImplementedType));
  return Value();
}

}  // namespace monty
