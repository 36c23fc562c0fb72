#include "gilsim/report/timeline_svg.hpp"

#include <catch2/catch.hpp>

#include "support/scenario_fixtures.hpp"

using namespace gilsim;

namespace {
std::string svg_of(const std::string& file, TimelineOptions options = {}) {
  Result<Scenario> s = load_scenario(test::scenario_path(file));
  REQUIRE(s.ok());
  VectorSink records;
  SimulateOptions run;
  run.sinks.push_back(&records);
  REQUIRE(simulate(s.value(), run).outcome.status == RunOutcome::Status::kFinished);
  return timeline_svg(make_run_info(s.value()), records.records, options);
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
  const TimelineOptions zoom{10'080'000, 10'220'000, 800};
  const std::string a = svg_of("convoy.toml", zoom);
  CHECK(a.find("from 10.08ms to 10.22ms") != std::string::npos);
  CHECK(a.find("fill=\"#ff7f0e\"") != std::string::npos);  // the hand-off wait is visible
  CHECK(a == svg_of("convoy.toml", zoom));
}
