#include "gilsim/core/error.hpp"

#include <fmt/format.h>

namespace gilsim {

std::string InputError::to_string() const {
  std::string out = line > 0 ? fmt::format("{}:{}:{}: error: {}\n", file, line, column, message)
                             : fmt::format("{}: error: {}\n", file, message);
  if (line > 0 && !source_line.empty()) {
    // Tabs stay tabs so that the caret lines up under them.
    std::string pad;
    for (int i = 0; i + 1 < column && i < static_cast<int>(source_line.size()); ++i) {
      pad += source_line[static_cast<std::size_t>(i)] == '\t' ? '\t' : ' ';
    }
    out += fmt::format("    {}\n    {}^\n", source_line, pad);
  }
  return out;
}

}  // namespace gilsim
