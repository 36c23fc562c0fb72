#pragma once
// A line chart as SVG: one panel per metric, stacked over a shared x axis,
// one line per series in every panel. Axes have round ticks (1, 2 and 5 times
// a power of ten) with units; an axis is logarithmic when asked (x) or when
// its values span two decades or more (y). Margins are sized to the labels,
// so none is clipped.

#include <string>
#include <vector>

namespace gilsim {

struct ChartSeries {
  std::string name;
  std::vector<double> x;
  std::vector<double> y;  ///< NaN: no point (the metric was null there)
};

struct ChartPanel {
  std::string title;             ///< what y is, e.g. a report path
  bool y_is_duration = false;    ///< y values are ns: label the ticks with units
  std::vector<ChartSeries> series;  ///< the same names, in the same order, in every panel
};

struct LineChart {
  std::string title;
  std::string x_label;
  bool log_x = false;
  bool x_is_duration = false;  ///< x values are ns: label the ticks with units
  std::vector<ChartPanel> panels;
};

std::string line_chart_svg(const LineChart& chart);

}  // namespace gilsim
