#pragma once
// A small strict JSON parser for tests that check the structure of our JSON
// outputs (the project has no JSON library; tests should not add one).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gilsim::test {

struct Json {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Json> array;
  std::map<std::string, Json> object;

  bool has(const std::string& key) const { return object.count(key) > 0; }
  const Json& operator[](const std::string& key) const { return object.at(key); }
};

/// The document, or nullopt if `text` is not valid JSON (trailing text included).
std::optional<Json> parse_json(const std::string& text);

}  // namespace gilsim::test
