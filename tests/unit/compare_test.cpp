#include "gilsim/lab/compare.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "gilsim/model/core_speed.hpp"
#include "gilsim/scenario/load.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;

namespace {
const Comparison::Row& row(const Comparison& c, const std::string& metric) {
  for (const Comparison::Row& r : c.rows) {
    if (r.metric == metric) return r;
  }
  FAIL("no row " << metric);
  return c.rows.front();
}
}  // namespace

TEST_CASE("compare: variants side by side with ratios to the first", "[lab]") {
  Result<Comparison> c = compare(test::scenario_path("old_gil_battle.toml"), {}, {}, RunLimits{});
  REQUIRE(c.ok());
  CHECK(c.value().columns == std::vector<std::string>{"as written", "1 CPU", "new GIL"});
  CHECK(c.value().rows.front().metric == "metrics.makespan_ns");
  const Comparison::Row& makespan = row(c.value(), "metrics.makespan_ns");
  REQUIRE(makespan.ratios[0].has_value());
  CHECK(*makespan.ratios[0] == 1.0);
  CHECK(*makespan.ratios[2] < 0.6);  // the new GIL: well under the old GIL's battle
  CHECK(makespan.values[0].find("s") != std::string::npos);                     // people read units
  CHECK(makespan.raw[0].kind == Comparison::Row::Raw::Kind::kNumber);
  CHECK(makespan.raw[0].text.find_first_not_of("0123456789") == std::string::npos);  // scripts, ns
}

TEST_CASE("compare: --policies compares policies on the same workload", "[lab]") {
  Result<Comparison> c =
      compare(test::scenario_path("countdown.toml"), {"timed-switch", "none"}, {}, RunLimits{});
  REQUIRE(c.ok());
  // Without a GIL two threads share the work on two cores, each core at the
  // machine's speed with two busy.
  const Result<Scenario> s = load_scenario(test::scenario_path("countdown.toml"));
  REQUIRE(s.ok());
  const double speed = core_speed(s.value().model.machine.parallel_speed, 2) / double{kFullSpeed};
  CHECK(*row(c.value(), "metrics.makespan_ns").ratios[1] == Approx(0.5 / speed).epsilon(0.01));
  const std::string table = comparison_table(c.value());
  CHECK(table.find("timed-switch") != std::string::npos);
  CHECK(comparison_json(c.value()).find("\"columns\": [") != std::string::npos);
}

TEST_CASE("compare: an unknown policy is bad input", "[lab]") {
  Result<Comparison> c =
      compare(test::scenario_path("countdown.toml"), {"timed-switch", "fair"}, {}, RunLimits{});
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().to_string().find("unknown GIL policy 'fair'") != std::string::npos);
}

TEST_CASE("compare: CSV quotes names with commas", "[lab]") {
  const auto path = std::filesystem::temp_directory_path() / "gilsim_compare_commas.toml";
  std::ofstream(path) << "[[thread]]\nname = \"a\"\nrun = [ { python = 100 } ]\n"
                         "[[variant]]\nname = \"one, two\"\nset = { \"machine.cores\" = 1 }\n";
  Result<Comparison> c = compare(path.string(), {}, {}, RunLimits{});
  REQUIRE(c.ok());
  CHECK(comparison_csv(c.value()).rfind("metric,as written,\"one, two\",\"ratio:one, two\"\n", 0) ==
        0);
}

TEST_CASE("compare: JSON values keep the report's types, not a guess from their text",
          "[lab]") {
  const Result<Comparison> c =
      compare(test::scenario_path("countdown.toml"), {"timed-switch", "none"}, {}, RunLimits{});
  REQUIRE(c.ok());
  bool saw_null = false;
  for (const Comparison::Row& row : c.value().rows) {
    if (row.metric != "metrics.gil_utilization") continue;
    CHECK(row.raw[0].kind == Comparison::Row::Raw::Kind::kNumber);
    CHECK(row.raw[1].kind == Comparison::Row::Raw::Kind::kNull);  // no GIL, no utilization
    saw_null = true;
  }
  CHECK(saw_null);
  const std::string json = comparison_json(c.value());
  CHECK(json.find("null") != std::string::npos);
}
