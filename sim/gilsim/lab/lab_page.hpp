#pragma once
// A lab page (docs/labs/*.md) as gilsim reads it: Markdown prose, and the
// ```sh blocks whose `gilsim ...` lines are the lab's commands. The test suite
// runs those commands and `gilsim notebook` turns the page into a notebook, so
// both read the page the same way.

#include <string>
#include <string_view>
#include <vector>

#include "gilsim/core/error.hpp"

namespace gilsim {

struct LabBlock {
  enum class Kind { kMarkdown, kCommands };
  Kind kind = Kind::kMarkdown;
  std::string markdown;               ///< kMarkdown: the lines as written
  std::vector<std::string> commands;  ///< kCommands: `gilsim ...`, continued lines joined
};

/// The page's blocks, in order. A ```sh block that holds anything but gilsim
/// commands, blank lines and comments is an error at that line: the page
/// would promise a command nobody runs. So is a page without any command.
Result<std::vector<LabBlock>> read_lab_page(const std::string& path);

/// A command line split into words, honouring '...' and "..." quotes.
std::vector<std::string> shell_words(std::string_view line);

}  // namespace gilsim
