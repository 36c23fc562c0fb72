#pragma once
// CSV fields (RFC 4180): quoted when they hold a comma, a quote or a line break,
// with quotes doubled. Every CSV gilsim writes goes through here.

#include <string>
#include <string_view>

namespace gilsim {

inline std::string csv_field(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string quoted = "\"";
  for (char c : v) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace gilsim
