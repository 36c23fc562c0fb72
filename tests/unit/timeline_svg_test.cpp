#include "gilsim/report/timeline_svg.hpp"

#include <catch2/catch.hpp>

#include "support/scenario_fixtures.hpp"
#include "support/svg_lanes.hpp"

using namespace gilsim;

namespace {
/// A scenario's run info and records, for drawing.
std::pair<RunInfo, std::vector<TraceRecord>> recorded(const std::string& file) {
  Result<Scenario> s = load_scenario(test::scenario_path(file));
  REQUIRE(s.ok());
  VectorSink records;
  SimulateOptions run;
  run.sinks.push_back(&records);
  REQUIRE(simulate(s.value(), run).outcome.status == RunOutcome::Status::kFinished);
  return {make_run_info(s.value()), std::move(records.records)};
}
std::string svg_of(const std::string& file, TimelineOptions options = {}) {
  const auto [info, records] = recorded(file);
  return timeline_svg(info, records, options);
}
std::vector<std::string> lane_fills(const std::string& svg, const std::string& label) {
  std::vector<std::string> fills;
  for (const test::LaneRect& r : test::lane_rects(svg, label)) fills.push_back(r.fill);
  REQUIRE_FALSE(fills.empty());
  return fills;
}
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("timeline: the convoy picture names the run and shows its states", "[report]") {
  const std::string svg = svg_of("convoy.toml", {0, 30 * kMillisecond, 1000});
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.find("convoy: Python 3.11, timed-switch GIL, 2 cores") != std::string::npos);
  CHECK(svg.find("from 0s to 30ms (seed 1)") != std::string::npos);
  CHECK(svg.find(">cpu</text>") != std::string::npos);
  CHECK(svg.find(">io</text>") != std::string::npos);
  CHECK(svg.find("fill=\"#d62728\"") != std::string::npos);  // io waiting for the GIL
  CHECK(svg.find("fill=\"#2ca02c\"") != std::string::npos);  // cpu running with it
  CHECK(count(svg, "l-4 -6 h8 z") >= 5);                     // a drop request every 5 ms
  for (const char* label : {">10ms</text>", ">20ms</text>", ">waiting for GIL</text>",
                            ">failed acquisition</text>", ">drop request</text>"}) {
    CHECK(svg.find(label) != std::string::npos);
  }
  CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
}

TEST_CASE("timeline: the old GIL's battle shows failed acquisitions", "[report]") {
  const std::string svg = svg_of("old_gil_battle.toml", {0, 2 * kMillisecond, 1000});
  CHECK(count(svg, "stroke=\"black\" stroke-width=\"1\"") > 20);
  // Bounded by pixels, not by events: a few rectangles per pixel column at most.
  CHECK(svg.size() < 200'000);
}

TEST_CASE("timeline: a window zooms in and the same run draws the same bytes",
          "[report][determinism]") {
  const TimelineOptions zoom{10'250'000, 10'400'000, 800};
  const std::string a = svg_of("convoy.toml", zoom);
  CHECK(a.find("from 10.25ms to 10.4ms") != std::string::npos);
  const std::vector<std::string> cpu = lane_fills(a, "cpu");  // the hand-off wait is visible
  CHECK(std::find(cpu.begin(), cpu.end(), "#ff7f0e") != cpu.end());
  CHECK(a == svg_of("convoy.toml", zoom));
}


TEST_CASE("timeline: the GIL lane shows each holder in its thread's colour", "[report]") {
  const std::string svg = svg_of("countdown.toml", {0, 20 * kMillisecond, 1000});
  // countdown-1 is blue, countdown-2 orange (their squares beside the names);
  // the GIL lane alternates between them every switch interval (5 ms).
  CHECK(svg.find("fill=\"#4e79a7\"/>\n<text") == std::string::npos);  // squares follow names
  const std::vector<std::string> gil = lane_fills(svg, "GIL");
  REQUIRE(gil.size() >= 5);
  CHECK(gil[0] == "#f7f7f7");  // the lane's background
  int switches = 0;
  for (std::size_t i = 2; i < gil.size(); ++i) switches += gil[i] != gil[i - 1] ? 1 : 0;
  CHECK(gil[1] == "#4e79a7");
  CHECK(switches >= 3);
  for (std::size_t i = 1; i < gil.size(); ++i) CHECK((gil[i] == "#4e79a7" || gil[i] == "#f28e2b"));
  CHECK(svg.find(">GIL and core lanes: the colour of the thread") != std::string::npos);
  // The GIL lane is above the threads' lanes.
  CHECK(svg.find(">GIL</text>") < svg.find(">countdown-1</text>"));
  CHECK(svg.find("core 0") == std::string::npos);  // core lanes only when asked
}

TEST_CASE("timeline: core lanes show who runs on each core, and free-threading has no GIL lane",
          "[report]") {
  TimelineOptions options{0, 20 * kMillisecond, 800};
  options.core_lanes = true;
  const std::string svg = svg_of("convoy.toml", options);
  CHECK(svg.find(">core 0</text>") != std::string::npos);
  CHECK(svg.find(">core 1</text>") != std::string::npos);
  const std::vector<std::string> core0 = lane_fills(svg, "core 0");
  CHECK(core0.size() >= 2);
  const std::string free = svg_of("free_threaded_counter.toml", {});
  CHECK(free.find(">GIL</text>") == std::string::npos);
  CHECK(free.find(">GIL and core lanes") == std::string::npos);
}

TEST_CASE("timeline: long names are cut to fit, in full in a tooltip", "[report]") {
  auto [info, records] = recorded("countdown.toml");
  const std::string long_name(200, 'x');
  info.threads[0].name = long_name;
  info.description = std::string(60, 'w') + " " + std::string(60, 'w') + " tail";
  const std::string svg = timeline_svg(info, records, {});
  CHECK(svg.find("<title>" + long_name + "</title>") != std::string::npos);
  CHECK(svg.find("xxx...</text>") != std::string::npos);
  // The picture widens for names only up to a limit.
  const auto w = svg.find("width=\"");
  CHECK(std::stoi(svg.substr(w + 7)) < 1000 + 400);
  // The description wraps instead of running off the right edge.
  CHECK(svg.find(">" + std::string(60, 'w') + "</text>") != std::string::npos);
}
