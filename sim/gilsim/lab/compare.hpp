#pragma once
// `gilsim compare`: the same scenario under several variants or policies, side
// by side, with each value's ratio to the first column.

#include <optional>
#include <string>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/scenario/document.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

struct Comparison {
  std::string scenario;
  std::string description;
  std::vector<std::string> columns;  ///< variant or policy names; the first is the baseline
  struct Row {
    std::string metric;  ///< a report path (docs/report-format.md)
    bool is_duration = false;
    std::vector<std::string> values;  ///< per column, for people (units); "-" where absent
    /// Per column, as in the report (ns), and what it is: a number, a text,
    /// null in the report, or absent from the column's report ("").
    struct Raw {
      enum class Kind { kAbsent, kNull, kNumber, kText } kind = Kind::kAbsent;
      std::string text;
    };
    std::vector<Raw> raw;
    std::vector<std::optional<double>> ratios;  ///< per column: value / first value
  };
  std::vector<Row> rows;
};

/// Compares the file's runs: with `policies` empty, the scenario as written and
/// each of its [[variant]]s; otherwise the scenario under each policy.
/// `overrides` (--set) apply to every column. `seeds` > 1: each column runs
/// that many seeds and shows median [min-max]; ratios are between medians.
Result<Comparison> compare(const std::string& path, const std::vector<std::string>& policies,
                           const std::vector<Override>& overrides, const RunLimits& limits,
                           int seeds = 1);

/// The same, for a scenario already read (text from a page or a notebook).
Result<Comparison> compare(const ScenarioDocument& document,
                           const std::vector<std::string>& policies,
                           const std::vector<Override>& overrides, const RunLimits& limits,
                           int seeds = 1);

std::string comparison_table(const Comparison& c);
std::string comparison_json(const Comparison& c);
std::string comparison_csv(const Comparison& c);

}  // namespace gilsim
