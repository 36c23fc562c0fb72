#include "support/scenario_fixtures.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "cli/commands.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/scenario/load.hpp"

namespace gilsim::test {

std::string source_dir() { return GILSIM_SOURCE_DIR; }

std::vector<std::string> scenario_files() {
  std::vector<std::string> files;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(source_dir() + "/scenarios")) {
    if (entry.is_regular_file() && is_scenario_file(entry.path().string())) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Scenario scenario_from(const std::string& text, const std::vector<Override>& overrides) {
  Result<Scenario> s = parse_scenario(text, "test.toml", overrides);
  INFO((s.ok() ? std::string() : s.error().to_string()));
  REQUIRE(s.ok());
  return s.value();
}

Report run_report(const Scenario& scenario) {
  SimulateResult r = simulate(scenario);
  REQUIRE(r.outcome.status == RunOutcome::Status::kFinished);
  return r.report;
}

Report run_file(const std::string& path, const std::string& variant,
                const std::vector<Override>& extra) {
  Result<Scenario> s =
      variant.empty() ? load_scenario(path, extra) : load_variant(path, variant, extra);
  INFO((s.ok() ? std::string() : s.error().to_string()));
  REQUIRE(s.ok());
  return run_report(s.value());
}

std::string scenario_path(const std::string& name) { return source_dir() + "/scenarios/" + name; }

const ThreadReport& thread_named(const Report& report, const std::string& name) {
  for (const ThreadReport& t : report.threads) {
    if (t.name == name) return t;
  }
  FAIL("no thread named " << name);
  return report.threads.front();
}

double over_serial(const Report& report) {
  return static_cast<double>(report.metrics.makespan_ns) /
         static_cast<double>(report.metrics.serial_ns);
}

CliRun cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const ExitCode code = run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

std::string load_error(const std::string& text) {
  Result<Scenario> s = parse_scenario(text, "test.toml");
  return s.ok() ? std::string() : s.error().to_string();
}

}  // namespace gilsim::test
