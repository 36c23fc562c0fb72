// Seeds as repetitions (lab/seeds.hpp): run --seeds, [[expect]] seeds and stat.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "gilsim/lab/expect.hpp"
#include "gilsim/lab/seeds.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;
using test::scenario_from;

namespace {
// An I/O thread next to a CPU thread on a machine with jittery wake-ups: who
// wins the race for the GIL after each I/O call depends on the seed.
const std::string kRace =
    "[scenario]\nseed = 7\nstop = \"200ms\"\n"
    "[machine]\nwakeup_latency = { exp = \"3us\" }\ncond_wakeup = { exp = \"5us\" }\n"
    "[[thread]]\nname = \"cpu\"\nrun = [ { python = \"forever\" } ]\n"
    "[[thread]]\nname = \"io\"\nrun = [ { repeat = \"forever\", name = \"req\", body = [ "
    "{ io = \"3us\" }, { python = 40 } ] } ]\n";
}  // namespace

TEST_CASE("seeds: every field over consecutive seeds, with its median and range", "[lab]") {
  const Scenario s = scenario_from(kRace);
  const Result<SeedRuns> runs = run_seeds(s, 7, 9, RunLimits{});
  REQUIRE(runs.ok());
  CHECK(runs.value().first_seed == 7);
  const FieldSpread* switches = find_field(runs.value(), "metrics.gil_switches");
  REQUIRE(switches != nullptr);
  REQUIRE(switches->values.size() == 9);
  // The values are the single runs' values, in seed order.
  for (int i = 0; i < 9; ++i) {
    Scenario one = s;
    one.model.seed = 7 + static_cast<std::uint64_t>(i);
    CHECK(switches->values[static_cast<std::size_t>(i)] ==
          static_cast<double>(test::run_report(one).metrics.gil_switches));
  }
  CHECK(switches->min() <= switches->median());
  CHECK(switches->median() <= switches->max());
  CHECK(switches->min() < switches->max());  // the race really varies with the seed
  CHECK(find_field(runs.value(), "seed") == nullptr);
}

TEST_CASE("seeds: a spread's quantiles interpolate between sorted values", "[lab]") {
  const FieldSpread f{"x", false, {4, 1, 3, 2}};
  CHECK(f.min() == 1);
  CHECK(f.max() == 4);
  CHECK(f.median() == 2.5);
  CHECK(f.quantile(1.0 / 3) == 2);
  CHECK(spread_text(f) == "2.5 [1-4]");
}

TEST_CASE("seeds: the same seeds give the same bytes", "[lab][determinism]") {
  const auto a = test::cli({"run", test::scenario_path("convoy.toml"), "--seeds", "4",
                            "--format", "json"});
  const auto b = test::cli({"run", test::scenario_path("convoy.toml"), "--seeds", "4",
                            "--format", "json"});
  REQUIRE(a.code == ExitCode::kOk);
  CHECK(a.out == b.out);
  CHECK(a.out.find("\"seeds\": 4") != std::string::npos);
}

TEST_CASE("seeds: run --seeds refuses what it cannot do", "[cli]") {
  const std::string convoy = test::scenario_path("convoy.toml");
  CHECK(test::cli({"run", convoy, "--seeds", "0"}).code == ExitCode::kBadInput);
  CHECK(test::cli({"run", convoy, "--seeds", "3x"}).code == ExitCode::kBadInput);
  CHECK(test::cli({"run", convoy, "--seeds", "3", "--timeline", "/tmp/x.svg"}).code ==
        ExitCode::kBadInput);
  const auto unknown = test::cli({"run", convoy, "--seeds", "2", "--metric", "metrics.nope"});
  CHECK(unknown.code == ExitCode::kBadInput);
  CHECK(unknown.err.find("--metric metrics.nope: error") == 0);
}

TEST_CASE("check: an expectation over seeds tests the stat it names", "[lab]") {
  const auto check = [](const std::string& expect) {
    const ScenarioDocument doc =
        ScenarioDocument::parse(kRace + "[[expect]]\n" + expect, "test.toml").value();
    auto r = check_expectations(doc, doc.decode().value(), RunLimits{});
    REQUIRE(r.ok());
    REQUIRE(r.value().size() == 1);
    return r.value()[0];
  };
  const Scenario s = scenario_from(kRace);
  const FieldSpread spread =
      *find_field(run_seeds(s, 7, 11, RunLimits{}).value(), "metrics.gil_switches");
  const std::string base = "metric = \"metrics.gil_switches\"\nseeds = 11\n";
  const auto value = [](double v) { return fmt::format("value = \"{}\"\n", v); };
  CHECK(check(base + "op = \"==\"\n" + value(spread.median())).passed);
  CHECK(check(base + "stat = \"min\"\nop = \"==\"\n" + value(spread.min())).passed);
  CHECK(check(base + "stat = \"max\"\nop = \"==\"\n" + value(spread.max())).passed);
  CHECK(check(base + "stat = \"p90\"\nop = \"==\"\n" + value(spread.quantile(0.9))).passed);
  const ExpectationResult r = check(base + "op = \">\"\n" + value(spread.max()));
  CHECK_FALSE(r.passed);
  CHECK(r.actual.rfind("median ", 0) == 0);
  CHECK(r.actual.find("over 11 seeds") != std::string::npos);
}

TEST_CASE("check: seeds and stat are checked where they are written", "[scenario]") {
  const std::string head = kRace + "[[expect]]\nmetric = \"metrics.gil_switches\"\nop = \">\"\n"
                                   "value = \"1\"\n";
  CHECK(test::load_error(head + "stat = \"p100\"\n").rfind(
            "test.toml:17:8: error: unknown stat 'p100'; valid: median, min, max, p1 ... p99", 0) ==
        0);
  CHECK(test::load_error(head + "seeds = 0\n").find("expect.seeds") != std::string::npos);
}

TEST_CASE("seeds: compare --seeds shows median [min-max] and ratios of medians", "[lab]") {
  const std::string file = test::scenario_path("race_for_the_gil.toml");
  const auto r = test::cli({"compare", file, "--policies", "timed-switch,priority-io", "--seeds",
                            "5", "--format", "csv"});
  REQUIRE(r.code == ExitCode::kOk);
  // The CSV's values are the medians of the same five seeds `run --seeds` reports.
  const auto run = test::cli({"run", file, "--seeds", "5", "--format", "csv", "--metric",
                              "metrics.gil_switches"});
  REQUIRE(run.code == ExitCode::kOk);
  const std::string median = run.out.substr(run.out.find("metrics.gil_switches,") + 21);
  const std::string row = r.out.substr(r.out.find("metrics.gil_switches,") + 21);
  CHECK(row.substr(0, row.find(',')) == median.substr(0, median.find(',')));
  CHECK(test::cli({"compare", file, "--seeds", "x"}).code == ExitCode::kBadInput);
}

TEST_CASE("seeds: check --seeds repeats the expectations that name no seeds", "[cli]") {
  const std::string file = test::scenario_path("convoy.toml");
  const auto one = test::cli({"check", file});
  const auto many = test::cli({"check", file, "--seeds", "5"});
  CHECK(one.code == ExitCode::kOk);
  CHECK(many.code == ExitCode::kOk);
  CHECK(one.out.find("over 5 seeds") == std::string::npos);
  CHECK(many.out.find("(actual median ") != std::string::npos);
  CHECK(many.out.find("over 5 seeds") != std::string::npos);
}
