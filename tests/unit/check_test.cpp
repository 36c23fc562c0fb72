// gilsim check: how homework is graded.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;
using test::cli;
using test::CliRun;

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("gilsim_check_" + name);
  std::ofstream(path) << text;
  return path.string();
}
const char* const kOneThread = "[[thread]]\nname = \"a\"\nrun = [ { python = 1000 } ]\n";
}  // namespace

TEST_CASE("check: the scenario library's expectations hold", "[lab][cli]") {
  std::vector<std::string> args = {"check"};
  for (const std::string& f : test::scenario_files()) args.push_back(f);
  const CliRun r = cli(args);
  INFO(r.out << r.err);
  CHECK(r.code == ExitCode::kOk);
  CHECK(r.out.find("FAIL") == std::string::npos);
  CHECK(r.out.find("PASS  metrics.badness < 0.01  (actual ") != std::string::npos);
}

TEST_CASE("check: a false expectation fails with exit 1 and shows the actual value", "[lab][cli]") {
  const std::string file =
      write_temp("false.toml",
                 std::string(kOneThread) +
                     "[[expect]]\nmetric = \"metrics.makespan_ns\"\nop = \">\"\nvalue = \"1us\"\n"
                     "[[expect]]\nmetric = \"threads.a.instructions\"\nop = \"!=\"\nvalue = "
                     "\"1000\"\n");
  const CliRun r = cli({"check", file});
  CHECK(r.code == ExitCode::kCheckFailed);
  CHECK(r.out.find("  PASS  metrics.makespan_ns > 1us  (actual ") != std::string::npos);
  CHECK(r.out.find("  FAIL  threads.a.instructions != 1000  (actual 1000)") != std::string::npos);
  CHECK(r.out.find("expectations: 1 passed, 1 failed") != std::string::npos);
}

TEST_CASE("check: an unknown metric is an error at its line", "[lab][cli]") {
  const std::string file =
      write_temp("unknown.toml",
                 std::string(kOneThread) +
                     "[[expect]]\nmetric = \"metrics.makespan\"\nop = \"<\"\nvalue = \"1s\"\n");
  const CliRun r = cli({"check", file});
  CHECK(r.code == ExitCode::kBadInput);
  CHECK(r.err == file +
                     ":4:1: error: unknown metric 'metrics.makespan'; did you mean "
                     "'metrics.makespan_ns'? (`gilsim run FILE --format csv` lists them)\n");
}

TEST_CASE("check: expectations on variants run the variant", "[lab][cli]") {
  const std::string file = write_temp(
      "variant.toml",
      std::string(kOneThread) +
          "[[variant]]\nname = \"slow\"\nset = { \"interpreter.instruction_time\" = \"1us\" }\n"
          "[[expect]]\nvariant = \"slow\"\nmetric = \"threads.a.cpu_ns\"\nop = \"==\"\nvalue = "
          "\"1ms\"\n");
  const CliRun r = cli({"check", file});
  INFO(r.out << r.err);
  CHECK(r.code == ExitCode::kOk);
  CHECK(r.out.find("(actual 1ms)  [variant slow]") != std::string::npos);
}
