#include "gilsim/lab/class_key.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "gilsim/core/siphash.hpp"

namespace gilsim {
namespace {

constexpr std::size_t kMinKeyLength = 16;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool valid_student_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
         });
}

}  // namespace

std::string new_class_key() {
  std::random_device random;
  std::string key;
  for (int i = 0; i < 4; ++i) key += fmt::format("{:08x}", random());
  return key;
}

Result<std::uint64_t> student_seed(const std::string& key_text, const std::string& key_path,
                                   std::string_view topic, std::string_view student) {
  const std::string key = trimmed(key_text);
  if (key.size() < kMinKeyLength) {
    return InputError{key_path, 0, 0,
                      fmt::format("a class key needs at least {} characters; make one with "
                                  "`gilsim homework key > class.key`",
                                  kMinKeyLength),
                      ""};
  }
  if (!valid_student_id(student)) {
    return InputError{fmt::format("--student {}", student), 0, 0,
                      "a student id is 1 to 64 letters, digits, '.', '_' or '-'", ""};
  }
  // The secret, of any length, becomes a 128-bit SipHash key; the message
  // names the purpose, the topic and the student, separated by NUL bytes.
  const std::uint64_t k0 = siphash24(0, 0, key);
  const std::uint64_t k1 = siphash24(k0, 1, key);
  std::string message = "gilsim homework";
  message += '\0';
  message += topic;
  message += '\0';
  message += student;
  return siphash24(k0, k1, message) >> 1;  // a scenario seed is a non-negative int64
}

}  // namespace gilsim
