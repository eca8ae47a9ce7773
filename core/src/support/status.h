// A small error value for the support and syntax layers, which know nothing of
// Python objects: they report "raise <kind>(<message>)" and the runtime turns
// it into a real exception. No C++ exceptions cross these layers.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace monty {

enum class ErrorKind : unsigned char {
  ValueError,
  TypeError,
  OverflowError,
  ZeroDivisionError,
  MemoryError,
};

struct Error {
  ErrorKind kind;
  std::string message;
};

// Either a T or an Error. Deliberately tiny: `if (!r) return r.error();`
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(implicit)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(implicit)
  explicit operator bool() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace monty
