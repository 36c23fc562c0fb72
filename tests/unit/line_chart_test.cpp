#include "gilsim/report/line_chart.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "gilsim/report/svg_text.hpp"

using namespace gilsim;

namespace {
bool has(const std::string& svg, const std::string& what) { return svg.find(what) != std::string::npos; }
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
ChartPanel panel(std::string title, std::vector<double> x, std::vector<double> y) {
  ChartPanel p;
  p.title = std::move(title);
  p.series.push_back(ChartSeries{"as written", std::move(x), std::move(y)});
  return p;
}
}  // namespace

TEST_CASE("line_chart: linear axes tick at round 1-2-5 steps", "[report]") {
  LineChart c;
  c.title = "t";
  c.x_label = "machine.cores";
  c.panels.push_back(panel("metrics.badness", {1, 2, 3, 4, 5, 6, 7}, {0.217, 0.25, 0.3, 0.391, 0.3, 0.28, 0.27}));
  const std::string svg = line_chart_svg(c);
  for (const char* tick : {">0</text>", ">0.1</text>", ">0.2</text>", ">0.3</text>", ">0.4</text>",
                           ">1</text>", ">2</text>", ">7</text>"}) {
    CHECK(has(svg, tick));
  }
  CHECK_FALSE(has(svg, ">0.217</text>"));  // ticks are not the data's own values
  CHECK_FALSE(has(svg, "log scale"));
}

TEST_CASE("line_chart: durations get units and a log axis hugs the data at 1-2-5 ticks", "[report]") {
  LineChart c;
  c.x_label = "interpreter.switch_interval";
  c.log_x = true;
  c.x_is_duration = true;
  ChartPanel p = panel("threads.io.gil_wait_p50_ns", {100e3, 1e6, 10e6, 50e6}, {5e3, 2e5, 1e6, 4e6});
  p.y_is_duration = true;
  c.panels.push_back(p);
  const std::string svg = line_chart_svg(c);
  for (const char* tick : {">100us</text>", ">200us</text>", ">1ms</text>", ">10ms</text>",
                           ">50ms</text>"}) {
    CHECK(has(svg, tick));
  }
  CHECK_FALSE(has(svg, ">100ms</text>"));  // no empty decade after the last point
  CHECK(has(svg, ">interpreter.switch_interval (log scale)</text>"));
  // y spans three decades: a log axis too, labelled in time units.
  CHECK(has(svg, "threads.io.gil_wait_p50_ns (log scale)"));
  CHECK(has(svg, ">5us</text>"));
  CHECK(has(svg, ">5ms</text>"));
}

TEST_CASE("line_chart: several metrics are stacked panels with one legend", "[report]") {
  LineChart c;
  c.x_label = "x";
  c.panels.push_back(panel("metrics.badness", {1, 2, 3}, {0.2, 0.3, 0.4}));
  c.panels.push_back(panel("metrics.gil_switches", {1, 2, 3}, {100, 2000, 50000}));
  c.panels.back().series.push_back(ChartSeries{"1 CPU", {1, 2, 3}, {NAN, 10, 20}});
  c.panels.front().series.push_back(ChartSeries{"1 CPU", {1, 2, 3}, {0.1, 0.1, 0.1}});
  const std::string svg = line_chart_svg(c);
  CHECK(count(svg, "<polyline") == 4);
  CHECK(count(svg, "<title>1 CPU</title>") == 1);
  CHECK(has(svg, ">metrics.badness</text>"));
  CHECK(has(svg, ">metrics.gil_switches (log scale)</text>"));
  CHECK(has(svg, ">10k</text>"));  // not 10000 or 1e+04
  CHECK_FALSE(has(svg, "e+"));
  CHECK(count(svg, "fill=\"none\" stroke=\"#333\"") == 2);  // two plot frames
}

TEST_CASE("line_chart: the legend widens the picture instead of being clipped", "[report]") {
  LineChart c;
  c.x_label = "x";
  const std::string name = "a variant with a long name, machine.cores=4";
  REQUIRE(text_width(name) < 320);  // drawn whole
  ChartPanel p = panel("m", {1, 2}, {1, 2});
  p.series[0].name = name;
  c.panels.push_back(p);
  const std::string svg = line_chart_svg(c);
  const auto w = svg.find("width=\"");
  const int width = std::stoi(svg.substr(w + 7));
  const auto legend = svg.find(">" + name + "</text>");
  REQUIRE(legend != std::string::npos);
  const auto x_at = svg.rfind("<text x=\"", legend);
  const int x = std::stoi(svg.substr(x_at + 9));
  CHECK(x + text_width(name) <= width);
}

TEST_CASE("svg_text: widths, cutting and wrapping", "[report]") {
  CHECK(text_width("") == 0);
  CHECK(text_width("MMMM") > text_width("iiii"));
  CHECK(std::abs(text_width("ab", 24) - 2 * text_width("ab", 12)) <= 1);
  CHECK(fit_text("short", 200) == "short");
  const std::string cut = fit_text(std::string(100, 'x'), 100);
  CHECK(cut.ends_with("..."));
  CHECK(text_width(cut) <= 100);
  CHECK(fit_text("ééééééééééééééééééééé", 40).ends_with("...")) ;  // UTF-8 kept whole
  const auto lines = wrap_text("the quick brown fox jumps over the lazy dog", 80);
  CHECK(lines.size() > 2);
  for (const std::string& l : lines) CHECK(text_width(l) <= 80);
  CHECK(wrap_text("", 80) == std::vector<std::string>{""});
}
