#include "gilsim/scenario/answer_sheet.hpp"

#include <fmt/format.h>

#include <charconv>

#include "gilsim/core/input_file.hpp"
#include "gilsim/scenario/toml_decoder.hpp"

namespace gilsim {

using detail::TomlDecoder;

namespace {

constexpr int kMaxQuestions = 100;

AnswerSheet decode(const TomlDecoder& d, const toml::table& root, const std::string& path) {
  d.check_keys(root, {"student", "topic", "answers"}, "an answer sheet");
  AnswerSheet sheet;
  sheet.path = path;
  const toml::node* student = root.get("student");
  const toml::node* topic = root.get("topic");
  const toml::node* answers = root.get("answers");
  if (!student || !topic || !answers) {
    d.fail(nullptr, "an answer sheet needs student = \"...\", topic = \"...\" and an [answers] "
                    "table");
  }
  sheet.student = d.name(*student, "student");
  sheet.topic = d.name(*topic, "topic");
  for (auto&& [key, value] : d.table(*answers, "answers")) {
    int number = 0;
    const std::string_view k = key.str();
    const auto [end, ec] = std::from_chars(k.data(), k.data() + k.size(), number);
    if (ec != std::errc() || end != k.data() + k.size() || number < 1 || number > kMaxQuestions) {
      d.fail_at(key.source(), fmt::format("'{}' is not a question number (1 to {})", k,
                                          kMaxQuestions));
    }
    if (const auto* i = value.as_integer()) {
      sheet.answers[number] = fmt::format("{}", i->get());
    } else if (const auto* f = value.as_floating_point()) {
      sheet.answers[number] = fmt::format("{}", f->get());
    } else if (const auto* s = value.as_string()) {
      sheet.answers[number] = s->get();
    } else {
      d.fail(&value, fmt::format("answer {} must be a number or a string such as \"5.1ms\", not "
                                 "{}",
                                 number, TomlDecoder::type_name(value)));
    }
  }
  return sheet;
}

}  // namespace

Result<AnswerSheet> parse_answer_sheet(std::string_view text, const std::string& path) {
  return detail::decode_toml<AnswerSheet>(
      text, path, [&](const TomlDecoder& d, const toml::table& root) { return decode(d, root, path); });
}

Result<AnswerSheet> load_answer_sheet(const std::string& path) {
  const Result<std::string> text = read_input_file(path, "the answer sheet");
  if (!text.ok()) return text.error();
  return parse_answer_sheet(text.value(), path);
}

}  // namespace gilsim
