#include "gilsim/report/line_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "gilsim/core/time.hpp"
#include "gilsim/report/escape.hpp"
#include "gilsim/report/number_format.hpp"
#include "gilsim/report/svg_text.hpp"

namespace gilsim {
namespace {

constexpr int kPlotWidth = 560, kPlotHeight = 220;
constexpr int kMargin = 12;
constexpr int kTickLength = 5;
constexpr int kPanelTitle = 26;    // above each plot
constexpr int kTickLabels = 24;    // below each plot
constexpr int kMaxLegendText = 320;
constexpr const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                   "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

/// An axis: the range it shows, how it maps values, and its labelled ticks.
struct Axis {
  double lo = 0, hi = 1;
  bool log = false;
  bool duration = false;
  std::vector<double> ticks;

  /// Where `v` falls, from 0 (lo) to 1 (hi).
  double fraction(double v) const {
    return log ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo))
               : (v - lo) / (hi - lo);
  }
  std::string label(double v) const {
    if (duration) return format_duration(static_cast<Tick>(std::llround(v)));
    // Large round values read better with a metric prefix: 2.5M, not 2.5e+06.
    for (const auto& [scale, prefix] : {std::pair{1e9, "G"}, {1e6, "M"}, {1e3, "k"}}) {
      if (std::fabs(v) >= 10 * scale || (scale > 1e3 && std::fabs(v) >= scale)) {
        return format_real(v / scale) + prefix;
      }
    }
    return format_real(v);
  }
  int widest_label() const {
    int w = 0;
    for (double t : ticks) w = std::max(w, text_width(label(t)));
    return w;
  }
};

/// The smallest step of 1, 2 or 5 times a power of ten that cuts `span` into
/// at most `ticks` parts.
double round_step(double span, int ticks) {
  const double raw = span / std::max(1, ticks);
  const double decade = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * decade >= raw * (1 - 1e-9)) return m * decade;
  }
  return 10 * decade;
}

Axis linear_axis(double lo, double hi, int ticks) {
  Axis a;
  const double step = round_step(hi - lo, ticks);
  a.lo = std::floor(lo / step + 1e-9) * step;
  a.hi = std::ceil(hi / step - 1e-9) * step;
  if (!(a.hi > a.lo)) a.hi = a.lo + step;
  for (double t = a.lo; t <= a.hi + step * 1e-6; t += step) {
    a.ticks.push_back(std::abs(t) < step * 1e-9 ? 0 : t);
  }
  return a;
}

/// The 1-2-5 values (1, 2, 5 times a power of ten) from the largest one at or
/// below `lo` to the smallest one at or above `hi`: the axis hugs the data.
/// Ticks at every such value, or at every decade when those are too many (at
/// every other decade, and so on, when even those are).
Axis log_axis(double lo, double hi, int ticks) {
  Axis a;
  a.log = true;
  std::vector<double> round;  // 1-2-5 values over the range
  const int first = static_cast<int>(std::floor(std::log10(lo) + 1e-9));
  const int last = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
  for (int k = first; k <= last; ++k) {
    for (double m : {1.0, 2.0, 5.0}) round.push_back(m * std::pow(10.0, k));
  }
  a.lo = round.front(), a.hi = round.back();
  for (double v : round) {
    if (v <= lo * (1 + 1e-9)) a.lo = v;
  }
  for (auto v = round.rbegin(); v != round.rend(); ++v) {
    if (*v >= hi * (1 - 1e-9)) a.hi = *v;
  }
  if (!(a.hi > a.lo)) a.hi = a.lo * 2;
  auto inside = [&](double v) { return v >= a.lo * (1 - 1e-9) && v <= a.hi * (1 + 1e-9); };
  for (double v : round) {
    if (inside(v)) a.ticks.push_back(v);
  }
  if (static_cast<int>(a.ticks.size()) > ticks) {  // decades only
    a.ticks.clear();
    const int decades = last - first + 1;
    const int every = std::max(1, (decades + ticks - 1) / std::max(1, ticks));
    for (int k = first; k <= last; k += every) {
      if (inside(std::pow(10.0, k))) a.ticks.push_back(std::pow(10.0, k));
    }
    if (a.ticks.empty()) a.ticks = {a.lo, a.hi};
  }
  return a;
}

/// An axis over [lo, hi] whose tick labels, each `room` pixels apart at most
/// `length` pixels, do not overlap (`across`: labels side by side, as on x).
Axis fitted_axis(double lo, double hi, bool log, bool duration, int length, bool across) {
  for (int ticks = 10;; --ticks) {
    Axis a = log ? log_axis(lo, hi, ticks) : linear_axis(lo, hi, ticks);
    a.duration = duration;
    const int each = across ? a.widest_label() + 12 : 18;
    if (ticks <= 2 || static_cast<int>(a.ticks.size()) * each <= length) return a;
  }
}

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  double positive_lo = std::numeric_limits<double>::infinity();  ///< the least value > 0
  void add(double v) {
    lo = std::min(lo, v), hi = std::max(hi, v);
    if (v > 0) positive_lo = std::min(positive_lo, v);
  }
  bool empty() const { return !(hi >= lo); }
};

Range x_range(const LineChart& chart) {
  Range r;
  for (const ChartPanel& p : chart.panels) {
    for (const ChartSeries& s : p.series) {
      for (double x : s.x) r.add(x);
    }
  }
  return r;
}

Axis y_axis(const ChartPanel& panel) {
  Range r;
  for (const ChartSeries& s : panel.series) {
    for (double y : s.y) {
      if (!std::isnan(y)) r.add(y);
    }
  }
  if (r.empty()) return linear_axis(0, 1, 4);
  // Two decades or more of positive values read best on a log scale.
  if (r.lo > 0 && r.hi / r.lo >= 100) {
    Axis a = fitted_axis(r.lo, r.hi, true, panel.y_is_duration, kPlotHeight, false);
    return a;
  }
  const double lo = std::min(0.0, r.lo), hi = r.hi > lo ? r.hi : lo + 1;
  return fitted_axis(lo, hi, false, panel.y_is_duration, kPlotHeight, false);
}

/// Layout shared by every panel.
struct Frame {
  int left;    ///< x of the plots' left edge
  int top;     ///< y of the first panel
  Axis x;
};

void draw_x_axis(std::string& out, const Frame& f, int bottom) {
  for (double t : f.x.ticks) {
    const double px = f.left + f.x.fraction(t) * kPlotWidth;
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#333\"/>\n"
        "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        px, bottom, bottom + kTickLength, bottom + kTickLength + 13, xml_text(f.x.label(t)));
  }
}

void draw_panel(std::string& out, const ChartPanel& panel, const Frame& f, int top) {
  const Axis y = y_axis(panel);
  auto py = [&](double v) { return top + kPlotHeight - y.fraction(v) * kPlotHeight; };
  auto px = [&](double v) { return f.left + f.x.fraction(v) * kPlotWidth; };
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}{}</text>\n", f.left, top - 8,
                     xml_text(fit_text(panel.title, kPlotWidth - 80)), y.log ? " (log scale)" : "");
  out += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\"/>\n",
      f.left, top, kPlotWidth, kPlotHeight);
  for (double t : y.ticks) {
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#ddd\"/>\n"
        "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5}</text>\n",
        f.left, py(t), f.left + kPlotWidth, f.left - 6, py(t) + 4, xml_text(y.label(t)));
  }
  for (double t : f.x.ticks) {
    const double x = px(t);
    out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#eee\"/>\n",
                       x, top, top + kPlotHeight);
  }
  for (std::size_t k = 0; k < panel.series.size(); ++k) {
    const ChartSeries& s = panel.series[k];
    const char* color = kColors[k % 8];
    std::string points;
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      if (std::isnan(s.y[i]) || (y.log && s.y[i] <= 0) || (f.x.log && s.x[i] <= 0)) continue;
      points += fmt::format("{:.1f},{:.1f} ", px(s.x[i]), py(s.y[i]));
      out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"/>\n", px(s.x[i]),
                         py(s.y[i]), color);
    }
    out += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n",
                       points, color);
  }
  draw_x_axis(out, f, top + kPlotHeight);
}

/// The series' names and colours, once, right of the first panel.
int draw_legend(std::string& out, const LineChart& chart, int x, int top) {
  if (chart.panels.empty()) return x;
  int right = x;
  const auto& series = chart.panels.front().series;
  for (std::size_t k = 0; k < series.size(); ++k) {
    const int y = top + 10 + static_cast<int>(k) * 20;
    const std::string name = fit_text(series[k].name, kMaxLegendText);
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-width=\"3\"/>\n"
        "<g><title>{6}</title><text x=\"{4}\" y=\"{5}\">{7}</text></g>\n",
        x, y, x + 20, kColors[k % 8], x + 26, y + 4, xml_text(series[k].name), xml_text(name));
    right = std::max(right, x + 26 + text_width(name));
  }
  return right;
}

}  // namespace

std::string line_chart_svg(const LineChart& chart) {
  const Range xr = x_range(chart);
  const bool log_x = chart.log_x && !xr.empty() && xr.positive_lo < std::numeric_limits<double>::infinity();
  Axis x = xr.empty() ? linear_axis(0, 1, 4)
           : log_x    ? fitted_axis(xr.positive_lo, std::max(xr.hi, xr.positive_lo), true,
                                    chart.x_is_duration, kPlotWidth, true)
                      : fitted_axis(xr.lo, xr.hi > xr.lo ? xr.hi : xr.lo + 1, false,
                                    chart.x_is_duration, kPlotWidth, true);
  int y_labels = 0;
  for (const ChartPanel& p : chart.panels) y_labels = std::max(y_labels, y_axis(p).widest_label());
  const std::vector<std::string> title_lines =
      wrap_text(chart.title, y_labels + 8 + kPlotWidth, 15);
  const Frame f{kMargin + y_labels + 8, kMargin + static_cast<int>(title_lines.size()) * 20 + 8 +
                                            kPanelTitle, std::move(x)};

  std::string body;
  int y = f.top;
  for (const ChartPanel& p : chart.panels) {
    draw_panel(body, p, f, y);
    y += kPlotHeight + kTickLabels + kPanelTitle;
  }
  const std::string x_label = chart.x_label + (log_x ? " (log scale)" : "");
  const int x_label_y = y - kPanelTitle + 14;
  body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                      f.left + kPlotWidth / 2, x_label_y, xml_text(x_label));
  const int right = draw_legend(body, chart, f.left + kPlotWidth + 16, f.top);
  const int width = std::max(right, f.left + std::max(kPlotWidth, text_width(x_label))) + kMargin;
  const int height = x_label_y + kMargin;

  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" "
      "fill=\"white\"/>\n",
      width, height);
  for (std::size_t i = 0; i < title_lines.size(); ++i) {
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
                       kMargin, kMargin + 15 + static_cast<int>(i) * 20, xml_text(title_lines[i]));
  }
  out += body;
  out += "</svg>\n";
  return out;
}

}  // namespace gilsim
