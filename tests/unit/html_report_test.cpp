#include "gilsim/report/html_report.hpp"

#include <catch2/catch.hpp>

#include "support/scenario_fixtures.hpp"

using namespace gilsim;

TEST_CASE("html: one page with the summary, the timeline and wait histograms", "[report]") {
  Result<Scenario> s = load_scenario(test::scenario_path("convoy.toml"));
  REQUIRE(s.ok());
  VectorSink records;
  SimulateOptions options;
  options.sinks.push_back(&records);
  const SimulateResult r = simulate(s.value(), options);
  const std::string page = html_report(r.report, records.records, TimelineOptions{});
  CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(page.find("<title>gilsim: convoy</title>") != std::string::npos);
  CHECK(page.find("<h2>Summary</h2>\n<pre>convoy: An I/O-bound thread") != std::string::npos);
  CHECK(page.find("<svg xmlns=\"http://www.w3.org/2000/svg\" width=") != std::string::npos);
  CHECK(page.find("<b>cpu</b>: 176 waits") != std::string::npos);
  CHECK(page.find("<b>io</b>: 201 waits") != std::string::npos);
  CHECK(page.find("&lt;10ms") != std::string::npos);  // where the convoy's waits fall
  CHECK(page.find("<script") == std::string::npos);   // self-contained, nothing to run
  CHECK(page.find(" href=") == std::string::npos);
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.substr(page.size() - 8) == "</html>\n");
}
