#pragma once
// Shared helpers for tests: scenarios from inline text, runs, paths.

#include <string>
#include <vector>

#include "gilsim/core/trace.hpp"
#include "gilsim/lab/simulate.hpp"
#include "gilsim/scenario/load.hpp"

namespace gilsim::test {

/// The repository's top directory.
std::string source_dir();

/// Every scenarios/**/*.toml, sorted.
std::vector<std::string> scenario_files();

/// Parses `text` (named "test.toml"); fails the test with the error if it does not load.
Scenario scenario_from(const std::string& text, const std::vector<Override>& overrides = {});

/// Runs `scenario`; fails the test unless the run finished normally.
Report run_report(const Scenario& scenario);

/// The error message for `text`, or "" if it loads.
std::string load_error(const std::string& text);

}  // namespace gilsim::test
