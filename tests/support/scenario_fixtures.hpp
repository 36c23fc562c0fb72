#pragma once
// Shared helpers for tests: scenarios from inline text, runs, paths.

#include <string>
#include <vector>

#include "cli/commands.hpp"
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

/// Loads `path` (with variant `variant` if not empty, then `extra`) and runs
/// it; fails the test if it does not load or does not finish.
Report run_file(const std::string& path, const std::string& variant = "",
                const std::vector<Override>& extra = {});

/// The path of scenarios/NAME.
std::string scenario_path(const std::string& name);

/// The thread named `name`; fails the test if there is none.
const ThreadReport& thread_named(const Report& report, const std::string& name);

/// makespan / serial work: 1 = as fast as running the same work in one thread.
double over_serial(const Report& report);

/// What `gilsim ARGS...` printed and returned.
struct CliRun {
  ExitCode code;
  std::string out;
  std::string err;
};
CliRun cli(const std::vector<std::string>& args);

/// The error message for `text`, or "" if it loads.
std::string load_error(const std::string& text);

}  // namespace gilsim::test
