#include "gilsim/core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace gilsim {

namespace {

constexpr std::size_t kShownWidth = 100;  // bytes of a source line shown under an error
constexpr std::size_t kShownBefore = 40;  // of them, before the column

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// The part of `line` to show and the caret's 1-based column in it: a long line
/// (a generated file, a string of a megabyte) is cut around the column, at
/// character boundaries, with "..." where it was cut.
std::pair<std::string, int> shown_part(const std::string& line, int column) {
  if (line.size() <= kShownWidth) return {line, column};
  const std::size_t at = static_cast<std::size_t>(std::max(column, 1) - 1);
  std::size_t from = at > kShownBefore ? std::min(at - kShownBefore, line.size()) : 0;
  while (from > 0 && continuation_byte(line[from])) --from;
  std::size_t to = std::min(from + kShownWidth, line.size());
  while (to < line.size() && continuation_byte(line[to])) ++to;
  std::string part = from > 0 ? "..." : "";
  part += line.substr(from, to - from);
  if (to < line.size()) part += "...";
  return {part, column - static_cast<int>(from) + (from > 0 ? 3 : 0)};
}

/// Control bytes (a NUL, a bare CR, an escape sequence) are shown as '?' so
/// that an error message cannot drive the terminal; tabs stay for alignment.
std::string printable(std::string text) {
  for (char& c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && c != '\t') || b == 0x7F) c = '?';
  }
  return text;
}

}  // namespace

std::string InputError::to_string() const {
  std::string out = line > 0 ? fmt::format("{}:{}:{}: error: {}\n", file, line, column, message)
                             : fmt::format("{}: error: {}\n", file, message);
  if (line > 0 && !source_line.empty()) {
    const auto [part, caret] = shown_part(printable(source_line), column);
    // Tabs stay tabs so that the caret lines up under them.
    std::string pad;
    for (int i = 0; i + 1 < caret && i < static_cast<int>(part.size()); ++i) {
      pad += part[static_cast<std::size_t>(i)] == '\t' ? '\t' : ' ';
    }
    out += fmt::format("    {}\n    {}^\n", part, pad);
  }
  return out;
}

}  // namespace gilsim
