#pragma once
// A student's answers to a homework exercise, as handed in (docs/labs/README.md):
//
//   student = "alice"
//   topic = "races"
//   [answers]
//   1 = 2000000
//   2 = "5.1ms"      # a number, or a duration with its unit
//
// Read here, in the layer that reads user files, so that every problem is an
// error at file:line:col.

#include <map>
#include <string>
#include <string_view>

#include "gilsim/core/error.hpp"

namespace gilsim {

struct AnswerSheet {
  std::string path;
  std::string student;
  std::string topic;
  std::map<int, std::string> answers;  ///< question number -> the answer as written
};

Result<AnswerSheet> parse_answer_sheet(std::string_view text, const std::string& path);
Result<AnswerSheet> load_answer_sheet(const std::string& path);

}  // namespace gilsim
