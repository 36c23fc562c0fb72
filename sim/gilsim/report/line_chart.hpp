#pragma once
// A line chart as SVG: one line per series, labelled axes, linear or log x.

#include <string>
#include <vector>

namespace gilsim {

struct ChartSeries {
  std::string name;
  std::vector<double> x;
  std::vector<double> y;  ///< NaN: no point (the metric was null there)
};

struct LineChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  bool log_x = false;
  bool x_is_duration = false;  ///< x values are ns: label the ticks with units
  std::vector<ChartSeries> series;
};

std::string line_chart_svg(const LineChart& chart);

}  // namespace gilsim
