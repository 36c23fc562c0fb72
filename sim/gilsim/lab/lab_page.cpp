#include "gilsim/lab/lab_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "gilsim/core/input_file.hpp"

namespace gilsim {
namespace {

/// The command without a trailing "  # comment".
std::string without_comment(const std::string& line) {
  const std::size_t hash = line.find("  #");
  std::string command = line.substr(0, hash);
  while (!command.empty() && command.back() == ' ') command.pop_back();
  return command;
}

}  // namespace

Result<std::vector<LabBlock>> read_lab_page(const std::string& path) {
  const Result<std::string> text = read_input_file(path, "the lab page");
  if (!text.ok()) return text.error();
  std::istringstream in(text.value());
  std::vector<LabBlock> blocks;
  auto markdown = [&]() -> std::string& {
    if (blocks.empty() || blocks.back().kind != LabBlock::Kind::kMarkdown) blocks.emplace_back();
    return blocks.back().markdown;
  };
  std::string line, pending;
  bool in_sh = false, in_other_fence = false;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!in_sh) {
      if (!in_other_fence && line == "```sh") {
        in_sh = true;
        blocks.push_back(LabBlock{LabBlock::Kind::kCommands, "", {}});
        continue;
      }
      // Other fenced code (toml, text...) stays in the prose, as written.
      if (line.rfind("```", 0) == 0) in_other_fence = !in_other_fence;
      markdown() += line + "\n";
      continue;
    }
    if (line.rfind("```", 0) == 0) {
      in_sh = false;
      continue;
    }
    if (!pending.empty()) {
      const std::size_t indent = line.find_first_not_of(' ');
      line = pending + " " + (indent == std::string::npos ? "" : line.substr(indent));
    }
    pending.clear();
    if (!line.empty() && line.back() == '\\') {
      pending = line.substr(0, line.size() - 1);
      while (!pending.empty() && pending.back() == ' ') pending.pop_back();
      continue;
    }
    if (line.rfind("gilsim ", 0) == 0) {
      blocks.back().commands.push_back(without_comment(line));
    } else if (line.find_first_not_of(' ') != std::string::npos && line[0] != '#') {
      return InputError{path, number, 1, "a ```sh block of a lab holds only gilsim commands", line};
    }
  }
  if (in_sh) return InputError{path, number, 1, "the ```sh block is not closed", ""};
  const bool has_commands = std::any_of(blocks.begin(), blocks.end(), [](const LabBlock& b) {
    return !b.commands.empty();
  });
  if (!has_commands) {
    return InputError{path, 0, 0, "not a lab page: no ```sh block with gilsim commands", ""};
  }
  return blocks;
}

std::vector<std::string> shell_words(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

}  // namespace gilsim
