#pragma once
// A homework task of the kind "write a scenario that shows X", as the
// instructor states it for grading (docs/labs/tasks/):
//
//   [task]
//   name = "lab1-homework"
//   description = "Two threads of Python and GIL-releasing C code ..."
//
//   [[expect]]
//   description = "at least 1.5 times faster than one thread"
//   metric = "metrics.speedup_vs_serial"
//   op = ">="
//   value = "1.5"
//
// Each [[expect]] is a question a submitted scenario must answer yes to; it is
// evaluated on the submission's run, whatever [[expect]]s the student wrote.

#include <string>
#include <string_view>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

struct Task {
  std::string path;
  std::string name;
  std::string description;
  std::vector<Expectation> expectations;
};

Result<Task> parse_task(std::string_view text, const std::string& path);
Result<Task> load_task(const std::string& path);

}  // namespace gilsim
