#include "gilsim/report/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace gilsim {

std::string TextTable::render() const {
  std::vector<std::size_t> width(rows_[0].size(), 0);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string_view gap = c == 0 ? "" : "  ";
      line += c < left_ ? fmt::format("{}{:<{}}", gap, row[c], width[c])
                        : fmt::format("{}{:>{}}", gap, row[c], width[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace gilsim
