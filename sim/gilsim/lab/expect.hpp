#pragma once
// `gilsim check`: a scenario's [[expect]]s, evaluated against its runs.

#include <string>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/scenario/document.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

struct ExpectationResult {
  Expectation expectation;
  bool passed = false;
  std::string actual;  ///< the metric's value, with units for durations
};

/// Runs `scenario` (and each variant its expectations name, decoded from
/// `document`, the file it came from) and evaluates every expectation. An unknown metric
/// path, an unknown variant or a value that is not a number or a duration is
/// an InputError pointing at the expectation's line.
/// An expectation that does not say how many seeds runs `default_seeds`.
Result<std::vector<ExpectationResult>> check_expectations(const ScenarioDocument& document,
                                                          const Scenario& scenario,
                                                          const RunLimits& limits,
                                                          int default_seeds = 1);

/// One file's check, for the report of `gilsim check`.
struct FileCheck {
  std::string path;
  std::vector<ExpectationResult> results;
  std::string error;  ///< the file could not be checked (file:line:col: error: ...)
};

/// `gilsim check --format json`: per file, each expectation and whether it held.
std::string checks_json(const std::vector<FileCheck>& checks);
/// `gilsim check --format junit`: a <testsuite> per file, a <testcase> per expectation.
std::string checks_junit(const std::vector<FileCheck>& checks);

}  // namespace gilsim
