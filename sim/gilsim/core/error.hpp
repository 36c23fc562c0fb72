#pragma once
// User-input errors: a value carrying where (file:line:col) and what, returned
// rather than thrown, so callers decide how to report it.

#include <string>
#include <utility>
#include <variant>

namespace gilsim {

struct InputError {
  std::string file;  ///< a path, or a pseudo-location such as "--set machine.cores"
  int line = 0;      ///< 1-based; 0 when the error has no position
  int column = 0;
  std::string message;
  std::string source_line;  ///< the offending line of the file, for the caret display

  /// "file:line:col: error: message", then the source line and a caret under the column.
  std::string to_string() const;
};

/// A value or an InputError.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT: implicit by design
  Result(InputError error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  const InputError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, InputError> v_;
};

}  // namespace gilsim
