#include "gilsim/report/timeline_svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "gilsim/report/escape.hpp"
#include "gilsim/report/svg_text.hpp"
#include "gilsim/report/thread_states.hpp"

namespace gilsim {

// Written for these record kinds: a new kind stops the build here until
// the timeline's LaneBuilder handles it (or says why it need not).
static_assert(kRecordKindCount == 30, "a new RecordKind: handle it in the timeline's LaneBuilder");
namespace {

constexpr int kMargin = 10;
constexpr int kRow = 20;
constexpr int kGap = 10;
constexpr int kSwatch = 12;       // the thread's colour square beside its name
constexpr int kMaxLabelWidth = 320;
constexpr int kLegendColumn = 220;

constexpr std::array<const char*, kThreadStateCount> kStateColors = {
    "#f2c14e",  // runnable
    "#2ca02c",  // running with GIL
    "#1f77b4",  // running without GIL
    "#17becf",  // running (no GIL)
    "#d62728",  // waiting for GIL
    "#aec7e8",  // in I/O
    "#c7c7c7",  // sleeping
    "#ff7f0e",  // waiting for handoff
};

// A colour per thread in the GIL and core lanes (Tableau 10, which gilvis-like
// pictures use): distinct for up to ten threads, then repeated.
constexpr std::array<const char*, 10> kThreadColors = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
};
const char* thread_color(std::size_t t) { return kThreadColors[t % kThreadColors.size()]; }
constexpr const char* kSwitchingColor = "#555";

constexpr std::uint8_t kFailedMark = 1, kDropMark = 2;

/// The drawn time window, `width` pixels wide.
struct Window {
  Tick from;
  Tick to;
  int width;
  double px(Tick t) const {
    return static_cast<double>(t - from) * width / static_cast<double>(to - from);
  }
  Tick pixel_start(int x) const { return from + (to - from) * x / width; }
  /// The pixel of an instant inside the window.
  std::size_t pixel(Tick t) const {
    return static_cast<std::size_t>(std::min(width - 1, static_cast<int>(px(t))));
  }
};

/// One row of the picture: per pixel, how long each category (a thread state,
/// or a thread) lasted there. A pixel is drawn as the category that lasted
/// longest, so a picture of any run is bounded by its pixels, not its events.
class Lane {
 public:
  Lane(std::string name, const Window& w) : label(std::move(name)), cells_(w.width) {}

  void add(int category, Tick a, Tick b, const Window& w) {
    a = std::max(a, w.from), b = std::min(b, w.to);
    if (a >= b) return;
    for (int x = std::max(0, static_cast<int>(w.px(a))); x < w.width; ++x) {
      const Tick cell_from = w.pixel_start(x), cell_to = w.pixel_start(x + 1);
      if (cell_from >= b) break;
      add_to_cell(cells_[static_cast<std::size_t>(x)], category,
                  std::min(b, cell_to) - std::max(a, cell_from));
    }
  }
  /// The category that lasted longest in pixel `x`; -1 for none.
  int dominant(std::size_t x) const {
    int best = -1;
    Tick longest = 0;
    for (const auto& [category, time] : cells_[x]) {
      if (time > longest || (time == longest && category < best)) best = category, longest = time;
    }
    return best;
  }
  std::size_t width() const { return cells_.size(); }

  std::string label;
  std::string color;  ///< a square beside the label (a thread's colour), or empty
  std::vector<std::uint8_t> marks;  ///< per pixel, kFailedMark | kDropMark (thread lanes)

 private:
  using Cell = std::vector<std::pair<int, Tick>>;
  static void add_to_cell(Cell& cell, int category, Tick time) {
    for (auto& [c, t] : cell) {
      if (c == category) {
        t += time;
        return;
      }
    }
    cell.emplace_back(category, time);
  }
  std::vector<Cell> cells_;
};

/// Who occupies a GIL or a core lane from `since` on (-1: nobody).
struct Occupant {
  int who = -1;
  Tick since = 0;
  void change(Lane& lane, int next, Tick now, const Window& w) {
    if (who >= 0) lane.add(who, since, now, w);
    who = next, since = now;
  }
};

/// The lanes of a run: a GIL lane per interpreter that has a GIL, optionally a
/// lane per core, and a lane per thread, filled from one pass over the records.
struct Lanes {
  std::vector<Lane> gils, cores, threads;
};

class LaneBuilder {
 public:
  LaneBuilder(const RunInfo& info, const Window& w, bool core_lanes)
      : info_(info), w_(w), states_(info), gil_of_process_(info.processes.size(), -1) {
    int gil_processes = 0;
    for (const ProcessInfo& p : info.processes) gil_processes += p.has_gil ? 1 : 0;
    for (std::size_t p = 0; p < info.processes.size(); ++p) {
      if (!info.processes[p].has_gil) continue;
      gil_of_process_[p] = static_cast<int>(lanes_.gils.size());
      lanes_.gils.emplace_back(gil_processes == 1 ? "GIL" : "GIL of " + info.processes[p].name, w);
    }
    for (int c = 0; core_lanes && c < info.cores; ++c) {
      lanes_.cores.emplace_back(fmt::format("core {}", c), w);
    }
    for (std::size_t t = 0; t < info.threads.size(); ++t) {
      lanes_.threads.emplace_back(info.threads[t].name, w);
      lanes_.threads.back().color = thread_color(t);
      lanes_.threads.back().marks.assign(static_cast<std::size_t>(w.width), 0);
    }
    gil_holder_.resize(lanes_.gils.size());
    on_core_.resize(lanes_.cores.size());
  }

  /// A core lane's category while the core switches to a thread.
  int switching() const { return static_cast<int>(info_.threads.size()); }

  void feed(const TraceRecord& r) {
    states_.feed(r, spans_);
    for (const StateSpan& s : spans_) {
      lanes_.threads[s.thread].add(static_cast<int>(s.state), s.from, s.to, w_);
    }
    spans_.clear();
    if (r.kind == RecordKind::kSimEnd) {
      for (std::size_t g = 0; g < gil_holder_.size(); ++g) hold(g, -1, r.time);
      for (std::size_t c = 0; c < on_core_.size(); ++c) occupy(c, -1, r.time);
      return;
    }
    if (r.thread >= info_.threads.size()) return;  // shared-memory totals
    const int t = static_cast<int>(r.thread);
    const int gil = gil_of_process_[static_cast<std::size_t>(info_.threads[r.thread].process)];
    switch (r.kind) {
      case RecordKind::kGilAcquire:
        if (gil >= 0) hold(static_cast<std::size_t>(gil), t, r.time);
        break;
      case RecordKind::kGilRelease:
        if (gil >= 0) hold(static_cast<std::size_t>(gil), -1, r.time);
        break;
      case RecordKind::kDispatch:
        occupy(static_cast<std::size_t>(r.core()), switching(), r.time);
        break;
      case RecordKind::kRunning:
        occupy(static_cast<std::size_t>(r.core()), t, r.time);
        break;
      case RecordKind::kOffCore:
        occupy(static_cast<std::size_t>(r.core()), -1, r.time);
        break;
      case RecordKind::kFailedAcquire:
        mark(r, kFailedMark);
        break;
      case RecordKind::kDropRequest:
        mark(r, kDropMark);
        break;
      default:
        break;
    }
  }

  Lanes take() { return std::move(lanes_); }

 private:
  void hold(std::size_t gil, int who, Tick now) { gil_holder_[gil].change(lanes_.gils[gil], who, now, w_); }
  void occupy(std::size_t core, int who, Tick now) {
    if (core < on_core_.size()) on_core_[core].change(lanes_.cores[core], who, now, w_);
  }
  void mark(const TraceRecord& r, std::uint8_t what) {
    if (r.time >= w_.from && r.time < w_.to) lanes_.threads[r.thread].marks[w_.pixel(r.time)] |= what;
  }

  const RunInfo& info_;
  Window w_;
  ThreadStates states_;
  std::vector<StateSpan> spans_;
  std::vector<int> gil_of_process_;
  Lanes lanes_;
  std::vector<Occupant> gil_holder_, on_core_;
};

/// A lane's label (cut to `label_width` pixels, the whole name in a tooltip),
/// its background and its pixels, merged into rectangles of equal colour.
template <typename ColorOf>
void draw_lane(std::string& out, const Lane& lane, int left, int label_width, int y,
               ColorOf color_of) {
  const int label_right = left - 8;
  out += fmt::format(
      "<g><title>{}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text></g>\n",
      xml_text(lane.label), label_right, y + kRow - 5, xml_text(fit_text(lane.label, label_width)));
  if (!lane.color.empty()) {
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                       kMargin, y + (kRow - kSwatch) / 2, kSwatch, kSwatch, lane.color);
  }
  const auto width = static_cast<int>(lane.width());
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f7f7f7\"/>\n",
                     left, y, width, kRow);
  int run_start = 0, run = -1;
  for (int x = 0; x <= width; ++x) {
    const int category = x < width ? lane.dominant(static_cast<std::size_t>(x)) : -1;
    if (category == run) continue;
    if (run >= 0) {
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                         left + run_start, y, x - run_start, kRow, color_of(run));
    }
    run_start = x, run = category;
  }
  for (std::size_t x = 0; x < lane.marks.size(); ++x) {
    const int px = left + static_cast<int>(x);
    if (lane.marks[x] & kFailedMark) {
      out += fmt::format(
          "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\" "
          "stroke-width=\"1\"/>\n",
          px, y - 4, y + 4);
    }
    if (lane.marks[x] & kDropMark) {
      out += fmt::format("<path d=\"M{} {} l-4 -6 h8 z\" fill=\"black\"/>\n", px, y);
    }
  }
}

/// A round step for about `ticks` axis labels over `span` ns: 1, 2 or 5 x 10^k.
Tick axis_step(Tick span, int ticks) {
  Tick step = 1;
  for (;;) {
    for (Tick m : {1, 2, 5}) {
      if (span / (step * m) <= ticks) return step * m;
    }
    step *= 10;
  }
}

void draw_time_axis(std::string& out, const Window& w, int left, int y) {
  // Labels such as "10.25ms" need about 60 px each.
  const Tick step = axis_step(w.to - w.from, std::max(1, w.width / 70));
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", left, y,
                     left + w.width, y);
  for (Tick tick = (w.from + step - 1) / step * step; tick <= w.to; tick += step) {
    const double x = left + w.px(tick);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#333\"/>\n"
        "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        x, y, y + 5, y + 18, format_duration(tick));
  }
}

/// The states' colours, the marks, and what the GIL and core lanes' colours mean.
int draw_legend(std::string& out, int left, int top, int width, bool thread_colors) {
  const int columns = std::clamp(width / kLegendColumn, 1, 4);
  const int items = kThreadStateCount + 2;
  for (int s = 0; s < items; ++s) {
    const int x = left + (s % columns) * kLegendColumn, y = top + (s / columns) * 22;
    if (s < kThreadStateCount) {
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\"/>\n", x, y,
                         kStateColors[static_cast<std::size_t>(s)]);
      out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", x + 20, y + 12,
                         state_name(static_cast<ThreadState>(s)));
    } else if (s == kThreadStateCount) {
      out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/>\n",
                         x + 7, y, y + 14);
      out += fmt::format("<text x=\"{}\" y=\"{}\">failed acquisition</text>\n", x + 20, y + 12);
    } else {
      out += fmt::format("<path d=\"M{} {} l-4 -8 h8 z\" fill=\"black\"/>\n", x + 7, y + 12);
      out += fmt::format("<text x=\"{}\" y=\"{}\">drop request</text>\n", x + 20, y + 12);
    }
  }
  int bottom = top + (items + columns - 1) / columns * 22;
  if (thread_colors) {
    for (const std::string& line :
         wrap_text("GIL and core lanes: the colour of the thread that holds the GIL or runs there "
                   "(the square beside its name); dark grey: the core is switching",
                   width)) {
      out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", left, bottom + 12, xml_text(line));
      bottom += 18;
    }
  }
  return bottom;
}

/// The title and the subtitle (description, window, seed), wrapped to
/// `width`; returns the y below them.
int draw_titles(std::string& out, const RunInfo& info, const Window& w, int width) {
  const ProcessInfo* main = info.processes.empty() ? nullptr : &info.processes[0];
  const std::string title =
      fmt::format("{}: Python {}, {} GIL, {} core{}", info.scenario, main ? main->version : "",
                  main ? main->policy : "", info.cores, info.cores == 1 ? "" : "s");
  const std::string subtitle = fmt::format(
      "{}{}from {} to {} (seed {})", info.description, info.description.empty() ? "" : " - ",
      format_duration(w.from), format_duration(w.to), info.seed);
  int y = 0;
  for (const std::string& line : wrap_text(title, width - 2 * kMargin, 16)) {
    y += 22;
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"16\" font-weight=\"bold\">{}</text>\n",
                       kMargin, y, xml_text(line));
  }
  for (const std::string& line : wrap_text(subtitle, width - 2 * kMargin)) {
    y += 18;
    out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#555\">{}</text>\n", kMargin, y,
                       xml_text(line));
  }
  return y + 16;
}

/// The lanes from `y` down: the GIL's and the cores' (in their threads'
/// colours), then the threads' (by state); returns the y below them.
int draw_lanes(std::string& out, const Lanes& lanes, const RunInfo& info, int left,
               int label_width, int y) {
  auto by_thread = [&](int who) {
    return who == static_cast<int>(info.threads.size()) ? kSwitchingColor
                                                        : thread_color(static_cast<std::size_t>(who));
  };
  for (const auto* group : {&lanes.gils, &lanes.cores}) {
    for (const Lane& lane : *group) {
      draw_lane(out, lane, left, label_width, y, by_thread);
      y += kRow + kGap;
    }
  }
  if (!lanes.gils.empty() || !lanes.cores.empty()) y += kGap;  // set them apart from the threads
  for (const Lane& lane : lanes.threads) {
    draw_lane(out, lane, left, label_width, y,
              [](int state) { return kStateColors[static_cast<std::size_t>(state)]; });
    y += kRow + kGap;
  }
  return y;
}

/// The widest lane label, up to kMaxLabelWidth.
int label_width_of(const Lanes& lanes) {
  int width = text_width("core 00");
  for (const auto* group : {&lanes.gils, &lanes.cores, &lanes.threads}) {
    for (const Lane& lane : *group) width = std::max(width, text_width(lane.label));
  }
  return std::min(width, kMaxLabelWidth);
}

}  // namespace

std::string timeline_svg(const RunInfo& info, const std::vector<TraceRecord>& records,
                         const TimelineOptions& options) {
  const Tick end = records.empty() ? 0 : records.back().time;
  const Tick from = std::clamp<Tick>(options.from, 0, end);
  const Window w{from, std::max(from + 1, std::min(options.to, end)), std::max(100, options.width)};
  LaneBuilder builder(info, w, options.core_lanes);
  for (const TraceRecord& r : records) builder.feed(r);
  const Lanes lanes = builder.take();

  const int label_width = label_width_of(lanes);
  const int left = kMargin + kSwatch + 8 + label_width + 8;
  // Room on the right for half of the last tick's label.
  const int total_width =
      left + w.width + std::max(kMargin, text_width(format_duration(w.to)) / 2 + kMargin);
  std::string body;
  int y = draw_titles(body, info, w, total_width);
  y = draw_lanes(body, lanes, info, left, label_width, y);
  draw_time_axis(body, w, left, y);
  const int bottom = draw_legend(body, left, y + 36, total_width - left - kMargin,
                                 !lanes.gils.empty() || !lanes.cores.empty());
  const int total_height = bottom + 10;
  return fmt::format(
             R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="sans-serif" font-size="12">)"
             "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
             total_width, total_height, total_width, total_height) +
         body + "</svg>\n";
}

}  // namespace gilsim
