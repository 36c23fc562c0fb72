#pragma once
// Columns of text for terminals: the report's tables, compare's, the seeds'.

#include <string>
#include <vector>

namespace gilsim {

/// Columns padded to their widest cell, two spaces apart; the first `left`
/// columns left-aligned, the rest right-aligned; no trailing spaces.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::size_t left = 1)
      : left_(left), rows_{std::move(header)} {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render() const;

 private:
  std::size_t left_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace gilsim
