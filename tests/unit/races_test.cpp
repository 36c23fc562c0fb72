// Races (issue 4): each kind is found in a minimal scenario and absent in its
// safe twin; the version results; explore.
#include <catch2/catch.hpp>
#include <sstream>

#include "cli/commands.hpp"
#include "gilsim/lab/explore.hpp"
#include "gilsim/report/writers.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;
using test::run_file;
using test::scenario_path;

namespace {
const RaceReport& race(const Report& r, const std::string& name) {
  for (const RaceReport& x : r.races) {
    if (x.name == name) return x;
  }
  FAIL("no shared item " << name);
  return r.races.front();
}
double lost_share(const Report& r) {
  const RaceReport& c = race(r, "counter");
  return static_cast<double>(c.expected - c.final_value) / static_cast<double>(c.expected);
}
Scenario load(const std::string& name, const std::vector<Override>& overrides = {}) {
  Result<Scenario> s = load_scenario(scenario_path(name), overrides);
  REQUIRE(s.ok());
  return s.value();
}
}  // namespace

TEST_CASE("races: 4 threads x 1M counter += 1 follow the versions", "[races][anchor]") {
  const Report r311 = run_file(scenario_path("lost_update_311.toml"));
  CHECK(race(r311, "counter").expected == 4'000'000);
  CHECK(race(r311, "counter").final_value == 4'000'000);  // 3.11 loses nothing
  CHECK(race(r311, "counter").lost_updates == 0);

  const Report r39 = run_file(scenario_path("lost_update_39.toml"));
  CHECK(lost_share(r39) > 0);  // 3.9 loses some
  CHECK(race(r39, "counter").lost_updates == 4'000'000 - race(r39, "counter").final_value);
  REQUIRE_FALSE(race(r39, "counter").first_lost.empty());

  const Report call = run_file(scenario_path("lost_update_call_between.toml"));
  CHECK(lost_share(call) > 0.25);  // a large share (real 3.11: about half)

  const Report ft = run_file(scenario_path("free_threaded_counter.toml"));
  CHECK(lost_share(ft) > 0.5);  // free-threaded, plain: heavy losses
  const Report atomic = run_file(scenario_path("free_threaded_counter.toml"), "atomic");
  CHECK(lost_share(atomic) == 0);
  // Slower by its cost: 4M atomic updates of 5 ns on 2 cores.
  const Tick extra = atomic.metrics.makespan_ns - ft.metrics.makespan_ns;
  CHECK(static_cast<double>(extra) == Approx(4'000'000 * 5.0 / 2).epsilon(0.1));
}

TEST_CASE("races: the old GIL's ticks inside the window lose updates too", "[races]") {
  const Report r =
      run_file(scenario_path("lost_update_311.toml"), "", {{"interpreter.version", "2.7"}});
  CHECK(lost_share(r) > 0);
}

TEST_CASE("races: a C extension touching a refcount without the GIL loses updates and frees early",
          "[races]") {
  const std::string file = scenario_path("refcount_buggy_extension.toml");
  const Report report = run_file(file);  // race() returns a reference into it
  const RaceReport& bad = race(report, "cache");
  CHECK(bad.lost_updates > 0);
  CHECK(bad.final_value != bad.expected);
  CHECK(bad.premature_frees > 0);
  CHECK(bad.use_after_free > 0);
  REQUIRE_FALSE(bad.first_frees.empty());
  CHECK(bad.first_frees[0].references_held > 0);
  CHECK_FALSE(bad.first_frees[0].holders.empty());
  const Report fixed = run_file(file, "holds the GIL");  // the safe twin
  const RaceReport& good = race(fixed, "cache");
  CHECK(good.lost_updates == 0);
  CHECK(good.leaked == 0);
  CHECK(good.premature_frees == 0);
  CHECK(good.final_value == good.expected);
}

TEST_CASE("races: free threads race on plain refcounts and not on atomic biased or immortal ones",
          "[races]") {
  const std::string file = scenario_path("biased_refcount_cost.toml");
  const Report plain = run_file(file, "plain");
  CHECK(race(plain, "config").lost_updates > 0);
  CHECK(race(plain, "config").final_value != race(plain, "config").expected);
  Tick previous = 0;
  for (const char* variant : {"immortal", "", "atomic"}) {  // cheapest first
    INFO((*variant ? variant : "biased"));
    const Report r = run_file(file, variant);
    CHECK(race(r, "config").lost_updates == 0);
    CHECK(race(r, "config").final_value == race(r, "config").expected);
    CHECK(r.metrics.makespan_ns > previous);
    previous = r.metrics.makespan_ns;
  }
}

TEST_CASE("explore: finds a race that exists and none where none exists", "[races][lab]") {
  ExploreOptions options;
  options.schedules = 5;
  const ExploreResult bad = explore(load("lost_update_39.toml"), options);
  CHECK(bad.runs == 5);
  CHECK(bad.kinds[0].name == "lost update");
  CHECK(bad.kinds[0].schedules == 5);
  REQUIRE(bad.kinds[0].first_seed.has_value());
  REQUIRE(bad.shortest.has_value());
  CHECK(bad.shortest->update.lost > 0);
  CHECK(bad.steps.back().find("from its stale read") != std::string::npos);
  const ExploreResult good = explore(load("lost_update_311.toml"), options);
  for (const auto& kind : good.kinds) CHECK(kind.schedules == 0);
  CHECK_FALSE(good.shortest.has_value());
}

TEST_CASE("explore: a replayed seed gives the same race byte for byte", "[races][lab]") {
  ExploreOptions options;
  options.schedules = 4;
  Scenario s = load("lost_update_39.toml", {{"machine.wake_order", "random"}});
  const ExploreResult r = explore(s, options);
  REQUIRE(r.shortest.has_value());
  s.model.seed = r.shortest->seed;  // what `gilsim run FILE --seed S --set ...` loads
  const Report replay = test::run_report(s);
  CHECK(to_json(replay) == to_json(test::run_report(s)));
  bool found = false;
  for (const LostUpdate& l : race(replay, r.shortest->item).first_lost) {
    found =
        found || (l.read_ns == r.shortest->update.read_ns &&
                  l.write_ns == r.shortest->update.write_ns && l.lost == r.shortest->update.lost);
  }
  CHECK(found);
}

TEST_CASE("explore: the command prints counts and a replay command", "[races][cli]") {
  std::ostringstream out, err;
  const ExitCode code =
      run_cli({"explore", scenario_path("lost_update_39.toml"), "--schedules", "3"}, out, err);
  CHECK(code == ExitCode::kOk);
  CHECK(out.str().find("lost update          3/3      first seed 1:") != std::string::npos);
  CHECK(out.str().find("--seed 1 --set machine.wake_order=random") != std::string::npos);
  CHECK(err.str().find("schedule 3/3") != std::string::npos);
}

TEST_CASE("scenario: shared items are checked by name and kind", "[scenario]") {
  CHECK(test::load_error("[[thread]]\nname = \"a\"\nrun = [ { rmw = \"x\" } ]\n") ==
        "test.toml:3:17: error: 'x' is not defined: declare it in a [[shared]] table\n"
        "    run = [ { rmw = \"x\" } ]\n"
        "                    ^\n");
  CHECK(test::load_error("[[shared]]\nname = \"o\"\nkind = \"object\"\n"
                         "[[thread]]\nname = \"a\"\nrun = [ { rmw = \"o\" } ]\n") ==
        "test.toml:6:17: error: rmw needs a variable, and 'o' is an object\n"
        "    run = [ { rmw = \"o\" } ]\n"
        "                    ^\n");
}
