#pragma once
// A small streaming JSON writer: objects and arrays with 2-space indentation,
// keys in the order written. Output is byte-stable.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gilsim {

class JsonWriter {
 public:
  void begin_object(std::string_view key = {});
  void end_object();
  void begin_array(std::string_view key = {});
  void end_array();
  void string(std::string_view key, std::string_view value);
  void integer(std::string_view key, std::int64_t value);
  void real(std::string_view key, double value);
  void optional_real(std::string_view key, const std::optional<double>& value);
  void optional_integer(std::string_view key, const std::optional<std::int64_t>& value);
  void null(std::string_view key);
  /// A value already in JSON syntax (a number's text).
  void raw(std::string_view key, std::string_view json);

  /// The document, with a trailing newline. REQUIRES: every begin has its end.
  std::string finish();

 private:
  void prefix(std::string_view key);
  std::string out_;
  int depth_ = 0;
  bool first_ = true;
};

}  // namespace gilsim
