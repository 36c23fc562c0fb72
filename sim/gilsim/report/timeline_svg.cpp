#include "gilsim/report/timeline_svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "gilsim/report/escape.hpp"
#include "gilsim/report/thread_states.hpp"

namespace gilsim {
namespace {

constexpr int kLeft = 150;  // thread names
constexpr int kTop = 64;    // title and subtitle
constexpr int kRow = 20;
constexpr int kGap = 10;
constexpr int kRight = 20;

constexpr std::array<const char*, kThreadStateCount> kColors = {
    "#f2c14e",  // runnable
    "#2ca02c",  // running with GIL
    "#1f77b4",  // running without GIL
    "#17becf",  // running (no GIL)
    "#d62728",  // waiting for GIL
    "#aec7e8",  // in I/O
    "#c7c7c7",  // sleeping
    "#ff7f0e",  // waiting for handoff
};

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

}  // namespace

std::string timeline_svg(const RunInfo& info, const std::vector<TraceRecord>& records,
                         const TimelineOptions& options) {
  const Tick end = records.empty() ? 0 : records.back().time;
  const Tick from = std::clamp<Tick>(options.from, 0, end);
  const Tick to = std::max(from + 1, std::min(options.to, end));
  const int width = std::max(100, options.width);
  const auto n = static_cast<int>(info.threads.size());
  auto px = [&](Tick t) {
    return static_cast<double>(t - from) * width / static_cast<double>(to - from);
  };

  // Time in each state per thread and pixel, and the pixels that carry marks.
  std::vector<std::vector<std::array<Tick, kThreadStateCount>>> time(
      static_cast<std::size_t>(n),
      std::vector<std::array<Tick, kThreadStateCount>>(static_cast<std::size_t>(width),
                                                       std::array<Tick, kThreadStateCount>{}));
  std::vector<std::vector<bool>> failed(static_cast<std::size_t>(n),
                                        std::vector<bool>(static_cast<std::size_t>(width)));
  std::vector<std::vector<bool>> dropped(static_cast<std::size_t>(n),
                                         std::vector<bool>(static_cast<std::size_t>(width)));
  ThreadStates states(info);
  std::vector<StateSpan> spans;
  for (const TraceRecord& r : records) {
    states.feed(r, spans);
    for (const StateSpan& s : spans) {
      const Tick a = std::max(s.from, from), b = std::min(s.to, to);
      if (a >= b) continue;
      // Spread the span over the pixels it covers.
      for (int x = std::max(0, static_cast<int>(px(a))); x < width; ++x) {
        const Tick px_from = from + (to - from) * x / width;
        const Tick px_to = from + (to - from) * (x + 1) / width;
        if (px_from >= b) break;
        time[s.thread][static_cast<std::size_t>(x)][static_cast<std::size_t>(s.state)] +=
            std::min(b, px_to) - std::max(a, px_from);
      }
    }
    spans.clear();
    if (r.time < from || r.time >= to || r.thread >= info.threads.size()) continue;
    const auto x = static_cast<std::size_t>(std::min(width - 1, static_cast<int>(px(r.time))));
    if (r.kind == RecordKind::kFailedAcquire) failed[r.thread][x] = true;
    if (r.kind == RecordKind::kDropRequest) dropped[r.thread][x] = true;
  }

  const int rows_bottom = kTop + n * (kRow + kGap);
  const int total_width = kLeft + width + kRight;
  const int total_height = rows_bottom + 40 + 22 * ((kThreadStateCount + 2 + 3) / 4) + 10;
  std::string out = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="sans-serif" font-size="12">)"
      "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      total_width, total_height, total_width, total_height);
  const ProcessInfo* main = info.processes.empty() ? nullptr : &info.processes[0];
  out += fmt::format(
      "<text x=\"{}\" y=\"22\" font-size=\"16\" font-weight=\"bold\">{}: Python {}, {} GIL, {} "
      "core{}</text>\n",
      kLeft, xml_text(info.scenario), main ? main->version : "", main ? main->policy : "", info.cores,
      info.cores == 1 ? "" : "s");
  out += fmt::format("<text x=\"{}\" y=\"42\" fill=\"#555\">{}{}from {} to {} (seed {})</text>\n",
                     kLeft, xml_text(info.description), info.description.empty() ? "" : " - ",
                     format_duration(from), format_duration(to), info.seed);

  for (int t = 0; t < n; ++t) {
    const int y = kTop + t * (kRow + kGap);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", kLeft - 8,
                       y + kRow - 5, xml_text(info.threads[static_cast<std::size_t>(t)].name));
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f7f7f7\"/>\n",
                       kLeft, y, width, kRow);
    // Each pixel takes the state it spent most time in; equal neighbours merge.
    int run_start = -1, run_state = -1;
    auto flush = [&](int x_end) {
      if (run_state >= 0) {
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                           kLeft + run_start, y, x_end - run_start, kRow,
                           kColors[static_cast<std::size_t>(run_state)]);
      }
    };
    for (int x = 0; x <= width; ++x) {
      int state = -1;
      if (x < width) {
        const auto& cell = time[static_cast<std::size_t>(t)][static_cast<std::size_t>(x)];
        Tick best = 0;
        for (int s = 0; s < kThreadStateCount; ++s) {
          if (cell[static_cast<std::size_t>(s)] > best)
            best = cell[static_cast<std::size_t>(s)], state = s;
        }
      }
      if (state != run_state) {
        flush(x);
        run_start = x;
        run_state = state;
      }
    }
    for (int x = 0; x < width; ++x) {
      if (failed[static_cast<std::size_t>(t)][static_cast<std::size_t>(x)]) {
        out += fmt::format(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\" "
            "stroke-width=\"1\"/>\n",
            kLeft + x, y - 4, y + 4);
      }
      if (dropped[static_cast<std::size_t>(t)][static_cast<std::size_t>(x)]) {
        out += fmt::format("<path d=\"M{} {} l-4 -6 h8 z\" fill=\"black\"/>\n", kLeft + x, y);
      }
    }
  }

  // Time axis.
  const Tick step = axis_step(to - from, 10);
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", kLeft,
                     rows_bottom, kLeft + width, rows_bottom);
  for (Tick tick = (from + step - 1) / step * step; tick <= to; tick += step) {
    const double x = kLeft + px(tick);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#333\"/>\n"
        "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        x, rows_bottom, rows_bottom + 5, rows_bottom + 18, format_duration(tick));
  }

  // Legend: the states, then the marks.
  const int legend_top = rows_bottom + 36;
  for (int s = 0; s < kThreadStateCount + 2; ++s) {
    const int x = kLeft + (s % 4) * 220, y = legend_top + (s / 4) * 22;
    if (s < kThreadStateCount) {
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\"/>\n", x, y,
                         kColors[static_cast<std::size_t>(s)]);
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
  out += "</svg>\n";
  return out;
}

}  // namespace gilsim
