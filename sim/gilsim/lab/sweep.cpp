#include "gilsim/lab/sweep.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <thread>

#include "gilsim/lab/simulate.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/report/escape.hpp"
#include "gilsim/report/fields.hpp"
#include "gilsim/scenario/load.hpp"

namespace gilsim {
namespace {

const std::vector<std::string> kDefaultMetrics = {
    "metrics.makespan_ns",  "metrics.throughput",      "metrics.speedup_vs_serial",
    "metrics.gil_switches", "metrics.max_gil_wait_ns", "metrics.convoy_factor",
    "metrics.badness"};

std::vector<std::int64_t> grid(const SweepParam& p, int steps, bool log) {
  std::vector<std::int64_t> values;
  const int n = std::max(1, steps);
  for (int i = 0; i < n; ++i) {
    const double f = n == 1 ? 0.0 : static_cast<double>(i) / (n - 1);
    const double v =
        log && p.from > 0 && p.to > 0
            ? static_cast<double>(p.from) * std::pow(static_cast<double>(p.to) / p.from, f)
            : static_cast<double>(p.from) + (static_cast<double>(p.to) - p.from) * f;
    const auto rounded = static_cast<std::int64_t>(std::llround(v));
    if (values.empty() || values.back() != rounded)
      values.push_back(rounded);  // rounding may repeat
  }
  return values;
}

std::string set_value(const SweepParam& p, std::int64_t v) {
  return p.duration ? fmt::format("{}ns", v) : fmt::format("{}", v);
}

}  // namespace

Result<SweepParam> parse_sweep_param(std::string_view text) {
  const auto eq = text.find('=');
  const auto dots = text.find("..");
  auto bad = [&] {
    return InputError{fmt::format("--param {}", text), 0, 0,
                      "expected KEY=FROM..TO, e.g. interpreter.switch_interval=100us..50ms", ""};
  };
  if (eq == std::string_view::npos || dots == std::string_view::npos || dots < eq) return bad();
  SweepParam p;
  p.key = std::string(text.substr(0, eq));
  p.typed = fmt::format("--param {}", text);
  const std::string a(text.substr(eq + 1, dots - eq - 1)), b(text.substr(dots + 2));
  const auto da = parse_duration(a), db = parse_duration(b);
  if (da && db && a != "0" && b != "0") {
    p.duration = true, p.from = *da, p.to = *db;
    return p;
  }
  try {
    std::size_t ua = 0, ub = 0;
    p.from = std::stoll(a, &ua);
    p.to = std::stoll(b, &ub);
    if (ua != a.size() || ub != b.size()) return bad();
  } catch (const std::exception&) {
    return bad();
  }
  return p;
}

namespace {

/// Every grid point of the parameters, the first parameter varying slowest.
std::vector<std::vector<std::int64_t>> grid_points(const SweepOptions& options) {
  std::vector<std::vector<std::int64_t>> points = {{}};
  for (const SweepParam& p : options.params) {
    std::vector<std::vector<std::int64_t>> next;
    for (const auto& point : points) {
      for (std::int64_t v : grid(p, options.steps, options.log)) {
        next.push_back(point);
        next.back().push_back(v);
      }
    }
    points = std::move(next);
  }
  return points;
}

/// Runs one row (a variant at a grid point) and fills its metrics; the error
/// that stopped it, if any.
std::optional<InputError> run_row(const ScenarioDocument& document, const SweepOptions& options,
                                  const SweepResult& result, SweepResult::Row& row) {
  const std::string& path = document.path();
  std::vector<Override> sets = options.overrides;
  for (std::size_t k = 0; k < options.params.size(); ++k) {
    const SweepParam& param = options.params[k];
    sets.push_back({param.key, set_value(param, row.values[k]), param.typed});
  }
  Result<Scenario> s = row.variant == 0
                           ? document.decode(sets)
                           : decode_variant(document, result.variants[row.variant], sets);
  if (!s.ok()) return s.error();
  const SimulateResult r = simulate(s.value(), SimulateOptions{options.limits, {}});
  if (const auto why = why_unfinished(r.outcome, options.limits)) {
    return InputError{path, 0, 0,
                      fmt::format("the run '{}' at {} did not finish: {}",
                                  result.variants[row.variant], fmt::join(row.values, ", "), *why),
                      ""};
  }
  const std::vector<Field> fields = flatten(r.report);
  for (const std::string& m : result.metrics) {
    const auto f =
        std::find_if(fields.begin(), fields.end(), [&](const Field& x) { return x.path == m; });
    row.metrics.push_back(f == fields.end() ? Field{} : *f);
  }
  return std::nullopt;
}

/// Calls `task(i)` for every i < count on `jobs` threads; the results do not
/// depend on which thread ran what.
template <typename Task>
void run_parallel(std::size_t count, int jobs, Task task) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) task(i);
  };
  std::vector<std::thread> workers;
  for (int j = 1; j < std::max(1, jobs); ++j) {
    try {
      workers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // the OS gives no more threads: the ones running share the work
    }
  }
  work();
  for (std::thread& w : workers) w.join();
}

}  // namespace

Result<SweepResult> sweep(const std::string& path, const SweepOptions& options) {
  const Result<ScenarioDocument> document = ScenarioDocument::read(path);  // read once
  if (!document.ok()) return document.error();
  return sweep(document.value(), options);
}

Result<SweepResult> sweep(const ScenarioDocument& document, const SweepOptions& options) {
  const std::string& path = document.path();
  Result<Scenario> base = document.decode(options.overrides);
  if (!base.ok()) return base.error();
  SweepResult result;
  result.params = options.params;
  result.log = options.log;
  result.metrics = options.metrics.empty() ? kDefaultMetrics : options.metrics;
  result.variants.push_back("as written");
  for (const Variant& v : base.value().variants) result.variants.push_back(v.name);

  // Every run: (variant, grid point), in output order.
  const std::vector<std::vector<std::int64_t>> points = grid_points(options);
  const std::size_t runs = result.variants.size() * points.size();
  if (runs > kMaxSweepRuns) {
    return InputError{path, 0, 0,
                      fmt::format("the sweep would make {} runs ({} variant{} times {} grid "
                                  "points), more than {}; use fewer --steps",
                                  runs, result.variants.size(),
                                  result.variants.size() == 1 ? "" : "s", points.size(),
                                  kMaxSweepRuns),
                      ""};
  }
  for (std::size_t v = 0; v < result.variants.size(); ++v) {
    for (const auto& point : points) {
      if (options.shard.has(result.total_rows)) {
        result.rows.push_back({v, point, {}});
        result.indices.push_back(result.total_rows);
      }
      ++result.total_rows;
    }
  }

  std::vector<std::optional<InputError>> errors(result.rows.size());
  std::atomic<std::size_t> done{0};
  std::mutex progress;
  run_parallel(result.rows.size(), options.jobs, [&](std::size_t i) {
    errors[i] = run_row(document, options, result, result.rows[i]);
    if (options.progress) {
      std::lock_guard<std::mutex> lock(progress);
      fmt::print(*options.progress, "\rsweep {}/{}", ++done, result.rows.size());
      if (done == result.rows.size()) fmt::print(*options.progress, "\n");
    }
  });
  for (const auto& e : errors) {  // the first in grid order, whatever the jobs did
    if (e) return *e;
  }
  return result;
}

std::string sweep_csv_header(const SweepResult& r) {
  std::string out = "variant";
  for (const SweepParam& p : r.params) {
    out += ',';  // (not "," + ...: GCC 12's false -Wrestrict, bug 105651)
    out += csv_field(fmt::format("{}{}", p.key, p.duration ? "_ns" : ""));
  }
  for (const std::string& m : r.metrics) out += ',' + csv_field(m);
  return out + '\n';
}

std::string sweep_csv_row(const SweepResult& r, const SweepResult::Row& row) {
  std::string out = csv_field(r.variants[row.variant]);
  for (std::int64_t x : row.values) out += fmt::format(",{}", x);
  for (const Field& m : row.metrics) out += ',' + csv_field(m.value_text());
  return out + '\n';
}

std::string sweep_csv(const SweepResult& r) {
  std::string out = sweep_csv_header(r);
  for (const SweepResult::Row& row : r.rows) out += sweep_csv_row(r, row);
  return out;
}

Result<LineChart> sweep_chart(const SweepResult& r) {
  LineChart chart;
  const SweepParam& p = r.params.front();
  chart.title = r.metrics.size() == 1 ? fmt::format("{} against {}", r.metrics[0], p.key)
                                      : fmt::format("{} metrics against {}", r.metrics.size(), p.key);
  chart.x_label = p.key;
  chart.x_is_duration = p.duration;
  chart.log_x = r.log;
  for (std::size_t m = 0; m < r.metrics.size(); ++m) {
    ChartPanel& panel = chart.panels.emplace_back();
    panel.title = r.metrics[m];
    panel.y_is_duration = std::any_of(r.rows.begin(), r.rows.end(), [&](const SweepResult::Row& row) {
      return row.metrics[m].is_duration;
    });
    for (const SweepResult::Row& row : r.rows) {
      std::string name = r.variants[row.variant];
      if (r.params.size() > 1) name += fmt::format(", {}={}", r.params[1].key, row.values[1]);
      auto s = std::find_if(panel.series.begin(), panel.series.end(),
                            [&](const ChartSeries& c) { return c.name == name; });
      if (s == panel.series.end())
        s = panel.series.insert(panel.series.end(), ChartSeries{name, {}, {}});
      s->x.push_back(static_cast<double>(row.values[0]));
      const Field& v = row.metrics[m];
      if (v.kind == Field::Kind::kText) {
        return InputError{fmt::format("--metric {}", r.metrics[m]), 0, 0,
                          fmt::format("the plot draws numbers, and this metric is '{}'; plot a "
                                      "number such as simulated_ns",
                                      v.text),
                          ""};
      }
      s->y.push_back(v.kind == Field::Kind::kInteger ? static_cast<double>(v.integer)
                     : v.kind == Field::Kind::kReal  ? v.real
                                                     : std::nan(""));
    }
  }
  return chart;
}

}  // namespace gilsim
