#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <cstdlib>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;
using test::cli;
using test::CliRun;

namespace {
std::string scenario(const std::string& name) { return test::source_dir() + "/scenarios/" + name; }
}  // namespace

TEST_CASE("cli: run prints a table by default and JSON on request", "[cli]") {
  const CliRun table = cli({"run", scenario("convoy.toml")});
  CHECK(table.code == ExitCode::kOk);
  CHECK(table.out.find("convoy factor") != std::string::npos);
  const CliRun json = cli({"run", scenario("convoy.toml"), "--format", "json"});
  CHECK(json.code == ExitCode::kOk);
  CHECK(json.out.rfind("{\n  \"scenario\": \"convoy\"", 0) == 0);
  const CliRun csv = cli({"run", scenario("convoy.toml"), "--format=csv"});
  CHECK(csv.out.rfind("path,value\n", 0) == 0);
}

TEST_CASE("cli: --policy and --set and --seed change the run", "[cli]") {
  const CliRun r = cli({"run", scenario("convoy.toml"), "--policy", "none", "--seed", "9", "--set",
                        "machine.cores=4", "--format", "json"});
  REQUIRE(r.code == ExitCode::kOk);
  CHECK(r.out.find("\"policy\": \"none\"") != std::string::npos);
  CHECK(r.out.find("\"seed\": 9") != std::string::npos);
  CHECK(r.out.find("\"cores\": 4") != std::string::npos);
}

TEST_CASE("cli: --stats reports events and speed on stderr", "[cli]") {
  const CliRun r = cli({"run", scenario("countdown.toml"), "--stats"});
  CHECK(r.code == ExitCode::kOk);
  CHECK(r.err.find("events: ") != std::string::npos);
  CHECK(r.err.find("events per second: ") != std::string::npos);
}

TEST_CASE("cli: bad input exits with 2 and says why", "[cli]") {
  CHECK(cli({}).code == ExitCode::kBadInput);
  CHECK(cli({"frobnicate"}).code == ExitCode::kBadInput);
  CHECK(cli({"run"}).code == ExitCode::kBadInput);
  const CliRun missing = cli({"run", "/no/such.toml"});
  CHECK(missing.code == ExitCode::kBadInput);
  CHECK(missing.err == "/no/such.toml: error: cannot read the file\n");
  const CliRun format = cli({"run", scenario("convoy.toml"), "--format", "xml"});
  CHECK(format.code == ExitCode::kBadInput);
  CHECK(format.err.find("unknown format 'xml'") != std::string::npos);
  CHECK(cli({"run", scenario("convoy.toml"), "--bogus"}).code == ExitCode::kBadInput);
  CHECK(cli({"run", scenario("convoy.toml"), "--seed", "-1"}).code == ExitCode::kBadInput);
  CHECK(cli({"run", scenario("convoy.toml"), "--set", "novalue"}).code == ExitCode::kBadInput);
  const CliRun policy = cli({"run", scenario("convoy.toml"), "--policy", "fair"});
  CHECK(policy.code == ExitCode::kBadInput);
  CHECK(policy.err.find("valid policies: check-interval, timed-switch, fifo-handoff, "
                        "priority-io, io-first, none") != std::string::npos);
}

TEST_CASE("cli: a runaway run is stopped with a message", "[cli]") {
  const CliRun r = cli({"run", scenario("countdown.toml"), "--max-events", "50"});
  CHECK(r.code == ExitCode::kBadInput);
  CHECK(r.err.find("the run was stopped after 50 events") != std::string::npos);
}

TEST_CASE("cli: --max-events takes a positive integer, not a negative one wrapped around",
          "[cli]") {
  for (const char* bad : {"-5", "0", "1e6", "", "12x", "99999999999999999999"}) {
    const CliRun r = cli({"run", scenario("countdown.toml"), "--max-events", bad});
    INFO(bad);
    CHECK(r.code == ExitCode::kBadInput);
    CHECK(r.err == fmt::format("--max-events {}: error: expected a whole number from 1 to "
                               "2305843009213693951\n",
                               bad));
  }
}

TEST_CASE("cli: counting flags reject trailing junk and out-of-range values", "[cli]") {
  const std::string sweep_file = scenario("convoy.toml");
  const CliRun steps = cli({"sweep", sweep_file, "--param", "interpreter.switch_interval=1ms..5ms",
                            "--steps", "8abc"});
  CHECK(steps.code == ExitCode::kBadInput);
  CHECK(steps.err == "--steps 8abc: error: expected a whole number from 1 to 1000\n");
  const CliRun jobs = cli({"sweep", sweep_file, "--param", "interpreter.switch_interval=1ms..5ms",
                           "--steps", "2", "--jobs", "200"});
  CHECK(jobs.code == ExitCode::kBadInput);
  CHECK(jobs.err == "--jobs 200: error: expected a whole number from 1 to 64\n");
  const CliRun schedules =
      cli({"explore", scenario("countdown.toml"), "--schedules", "0"});
  CHECK(schedules.code == ExitCode::kBadInput);
  CHECK(schedules.err == "--schedules 0: error: expected a whole number from 1 to 1000000\n");
}

TEST_CASE("cli: validate checks every file", "[cli]") {
  const CliRun ok = cli({"validate", scenario("convoy.toml"), scenario("countdown.toml")});
  CHECK(ok.code == ExitCode::kOk);
  CHECK(ok.out.find("convoy.toml: ok (2 threads, 1 process)") != std::string::npos);
  CHECK(cli({"validate", scenario("convoy.toml"), "/no/such.toml"}).code == ExitCode::kBadInput);
}

TEST_CASE("cli: list shows policies and schedulers and versions", "[cli]") {
  const CliRun policies = cli({"list", "policies"});
  CHECK(policies.out.find("timed-switch") != std::string::npos);
  CHECK(policies.out.find("none") != std::string::npos);
  CHECK(cli({"list", "schedulers"}).out.find("round-robin") != std::string::npos);
  const CliRun versions = cli({"list", "versions"});
  CHECK(versions.out.find("2.7      check-interval  100 ticks        tick         interpreter") !=
        std::string::npos);
  CHECK(versions.out.find("3.9      timed-switch    5ms              instruction  interpreter") !=
        std::string::npos);
  CHECK(versions.out.find("3.13     timed-switch    5ms              loop         thread") !=
        std::string::npos);
  CHECK(versions.out.find("3.13t    none") != std::string::npos);
  CHECK(cli({"list", "colours"}).code == ExitCode::kBadInput);
}

TEST_CASE("cli: --help works everywhere", "[cli]") {
  CHECK(cli({"--help"}).out.find("commands:") != std::string::npos);
  for (const char* command : {"run", "compare", "explore", "check", "validate", "list", "help"}) {
    const CliRun r = cli({command, "--help"});
    CHECK(r.code == ExitCode::kOk);
    CHECK(r.out.rfind(std::string("usage: gilsim ") + command, 0) == 0);
  }
  CHECK(cli({"help", "run"}).out.find("--max-events") != std::string::npos);
}

TEST_CASE("cli: --trace writes a Chrome trace and a bad path is an error", "[cli]") {
  const std::string out =
      (std::filesystem::temp_directory_path() / "gilsim_cli_trace.json").string();
  const CliRun ok = cli({"run", scenario("convoy.toml"), "--trace", out});
  CHECK(ok.code == ExitCode::kOk);
  std::ifstream in(out);
  std::string first;
  std::getline(in, first);
  CHECK(first == "{\"traceEvents\": [");
  const CliRun bad = cli({"run", scenario("convoy.toml"), "--trace", "/no/such/dir/t.json"});
  CHECK(bad.code == ExitCode::kBadInput);
  CHECK(bad.err == "/no/such/dir/t.json: error: cannot write the trace\n");
}

TEST_CASE("cli: --timeline draws an SVG and --window must be FROM..TO", "[cli]") {
  const std::string out = (std::filesystem::temp_directory_path() / "gilsim_cli.svg").string();
  CHECK(cli({"run", scenario("convoy.toml"), "--timeline", out, "--window", "0ms..20ms"}).code ==
        ExitCode::kOk);
  std::ifstream in(out);
  std::string first;
  std::getline(in, first);
  CHECK(first.rfind("<svg", 0) == 0);
  const CliRun bad = cli({"run", scenario("convoy.toml"), "--timeline", out, "--window", "20ms"});
  CHECK(bad.code == ExitCode::kBadInput);
  CHECK(bad.err == "--window 20ms: error: expected FROM..TO, e.g. 0ms..20ms\n");
}

TEST_CASE("cli: list scenarios shows every file with its description", "[cli]") {
  const CliRun r = cli({"list", "scenarios", test::source_dir() + "/scenarios"});
  CHECK(r.code == ExitCode::kOk);
  for (const std::string& file : test::scenario_files())
    CHECK(r.out.find(file) != std::string::npos);
  CHECK(r.out.find("An I/O-bound thread next to a CPU-bound thread (bpo-7946)") !=
        std::string::npos);
  CHECK(cli({"list", "scenarios", "/no/such/dir"}).code == ExitCode::kBadInput);
}

TEST_CASE("cli: output that cannot reach the disk is an error, and a failed run removes only "
          "its own files",
          "[cli]") {
  const CliRun full = cli({"run", scenario("sleeper.toml"), "--trace", "/dev/full"});
  CHECK(full.code == ExitCode::kBadInput);
  CHECK(full.err == "/dev/full: error: cannot write the trace\n");
  CHECK(std::filesystem::is_character_file("/dev/full"));
  // A run that fails after its trace file was opened: a device is never removed.
  const CliRun stopped =
      cli({"run", scenario("countdown.toml"), "--max-events", "50", "--trace", "/dev/null"});
  CHECK(stopped.code == ExitCode::kBadInput);
  CHECK(std::filesystem::is_character_file("/dev/null"));
  // ...but a half-written regular file is.
  const auto partial = std::filesystem::temp_directory_path() / "gilsim_partial_trace.json";
  cli({"run", scenario("countdown.toml"), "--max-events", "50", "--trace", partial.string()});
  CHECK_FALSE(std::filesystem::exists(partial));
  CHECK(cli({"run", scenario("sleeper.toml"), "--timeline", "/dev/full"}).err ==
        "/dev/full: error: cannot write the timeline\n");
}

TEST_CASE("cli: a link loop or a dangling link under list scenarios is that file's error",
          "[cli]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "gilsim_list_links";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(scenario("sleeper.toml"), dir / "sleeper.toml");
  fs::create_symlink("loop.toml", dir / "loop.toml");
  fs::create_symlink("nowhere", dir / "dangling.toml");
  const CliRun r = cli({"list", "scenarios", dir.string()});
  CHECK(r.code == ExitCode::kBadInput);
  CHECK(r.out.find("sleeper.toml") != std::string::npos);
  CHECK(r.err.find((dir / "loop.toml").string() +
                   ": error: cannot read the file (Too many levels of symbolic links)") !=
        std::string::npos);
  CHECK(r.err.find((dir / "dangling.toml").string() + ": error: cannot read the file") !=
        std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("cli: notebook with an unusable TMPDIR says so instead of crashing", "[cli]") {
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old ? old : "";
  setenv("TMPDIR", "/no/such/folder", 1);
  const CliRun r = cli({"notebook", gilsim::test::source_dir() + "/docs/labs/lab1-cpu-bound-threads.md",
                        "--out", "/tmp/gilsim_unused.ipynb"});
  if (old) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  CHECK(r.code == ExitCode::kBadInput);
  CHECK(r.err.find("error: cannot make a folder for the lab's output files (No such file or "
                   "directory); set TMPDIR to a writable folder") != std::string::npos);
}
