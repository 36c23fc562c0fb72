#include "gilsim/lab/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "gilsim/lab/seeds.hpp"
#include "gilsim/lab/simulate.hpp"
#include "gilsim/report/escape.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/report/fields.hpp"
#include "gilsim/report/json_writer.hpp"
#include "gilsim/report/number_format.hpp"
#include "gilsim/report/text_table.hpp"
#include "gilsim/scenario/load.hpp"

namespace gilsim {
namespace {

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}
bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The rows worth comparing: all metrics, loop rates and latencies, each
/// thread's instruction rate (a count would grow with the run's length) and
/// waits, and the races.
bool compared(const std::string& path) {
  if (starts_with(path, "metrics.")) return true;
  if (starts_with(path, "loops."))
    return ends_with(path, ".rate") || ends_with(path, ".iteration.p50");
  if (starts_with(path, "threads.")) {
    return ends_with(path, ".instructions_per_s") || ends_with(path, ".runnable_ns") ||
           ends_with(path, ".gil_wait.max") || ends_with(path, ".gil_reacquire.p50");
  }
  if (starts_with(path, "races.")) {
    return ends_with(path, ".lost_updates") || ends_with(path, ".leaked") ||
           ends_with(path, ".premature_frees");
  }
  return false;
}

std::optional<double> number(const Field& f) {
  if (f.kind == Field::Kind::kInteger) return static_cast<double>(f.integer);
  if (f.kind == Field::Kind::kReal) return f.real;
  return std::nullopt;
}

std::string shown(const Field& f) {
  return f.is_duration ? format_duration(f.integer) : f.value_text();
}

/// One column's value of one row.
struct Cell {
  std::string shown;  ///< for people
  Comparison::Row::Raw raw;  ///< as in the report
  std::optional<double> number;
  bool is_duration = false;
};

Comparison::Row::Raw raw_of(const Field& f) {
  using Kind = Comparison::Row::Raw::Kind;
  switch (f.kind) {
    case Field::Kind::kInteger:
    case Field::Kind::kReal:
      return {Kind::kNumber, f.value_text()};
    case Field::Kind::kText:
      return {Kind::kText, f.text};
    case Field::Kind::kNull:
      return {Kind::kNull, "null"};
  }
  return {};
}
/// One column: the compared fields by path, and their paths in report order.
struct Column {
  std::map<std::string, Cell> cells;
  std::vector<std::string> order;
};

Result<Column> run_column(const Scenario& s, int seeds, const RunLimits& limits) {
  Column out;
  if (seeds > 1) {  // median [min-max] over the seeds; ratios between medians
    Result<SeedRuns> runs = run_seeds(s, s.model.seed, seeds, limits);
    if (!runs.ok()) return runs.error();
    for (const FieldSpread& f : runs.value().fields) {
      if (!compared(f.path)) continue;
      out.order.push_back(f.path);
      out.cells[f.path] =
          Cell{spread_text(f),
               {Comparison::Row::Raw::Kind::kNumber, fmt::format("{:.10g}", f.median())},
               f.median(), f.is_duration};
    }
    return out;
  }
  const SimulateResult r = simulate(s, SimulateOptions{limits, {}});
  if (const auto why = why_unfinished(r.outcome, limits)) {
    return InputError{s.path, 0, 0, fmt::format("did not finish: {}", *why), ""};
  }
  for (const Field& f : flatten(r.report)) {
    if (!compared(f.path)) continue;
    out.order.push_back(f.path);
    out.cells[f.path] = Cell{shown(f), raw_of(f), number(f), f.is_duration};
  }
  return out;
}

}  // namespace

namespace {

/// The scenarios to compare, named: the file as written and its variants, or
/// the file under each policy.
Result<std::vector<std::pair<std::string, Scenario>>> compared_runs(
    const ScenarioDocument& document, const std::vector<std::string>& policies,
    const std::vector<Override>& overrides) {
  std::vector<std::pair<std::string, Scenario>> runs;
  if (policies.empty()) {
    Result<Scenario> base = document.decode(overrides);
    if (!base.ok()) return base.error();
    runs.emplace_back("as written", base.value());
    for (const Variant& v : base.value().variants) {
      Result<Scenario> s = decode_variant(document, v.name, overrides);
      if (!s.ok()) return s.error();
      runs.emplace_back(v.name, std::move(s.value()));
    }
    return runs;
  }
  for (const std::string& p : policies) {
    std::vector<Override> with = overrides;
    with.push_back(Override{"interpreter.gil", p, fmt::format("--policies {}", p)});
    Result<Scenario> s = document.decode(with);
    if (!s.ok()) return s.error();
    runs.emplace_back(p, std::move(s.value()));
  }
  return runs;
}

/// The rows: whole-run metrics first, then loops, threads and races; report
/// order within each (the first column's, then the others').
std::vector<std::string> row_order(const std::vector<Column>& columns) {
  std::vector<std::string> order;
  for (const Column& column : columns) {
    for (const std::string& p : column.order) {
      if (std::find(order.begin(), order.end(), p) == order.end()) order.push_back(p);
    }
  }
  auto rank = [](const std::string& p) {
    return starts_with(p, "metrics.")   ? 0
           : starts_with(p, "loops.")   ? 1
           : starts_with(p, "threads.") ? 2
                                        : 3;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  return order;
}

Comparison::Row compared_row(const std::string& metric, const std::vector<Column>& columns) {
  Comparison::Row row;
  row.metric = metric;
  std::optional<double> first;
  for (std::size_t col = 0; col < columns.size(); ++col) {
    const auto it = columns[col].cells.find(metric);
    if (it == columns[col].cells.end()) {
      row.values.push_back("-");
      row.raw.push_back({});
      row.ratios.push_back(std::nullopt);
      continue;
    }
    row.is_duration = row.is_duration || it->second.is_duration;
    row.values.push_back(it->second.shown);
    row.raw.push_back(it->second.raw);
    const std::optional<double> v = it->second.number;
    if (col == 0) first = v;
    row.ratios.push_back(v && first && *first != 0 ? std::optional<double>(*v / *first)
                                                   : std::nullopt);
  }
  return row;
}

}  // namespace

Result<Comparison> compare(const std::string& path, const std::vector<std::string>& policies,
                           const std::vector<Override>& overrides, const RunLimits& limits,
                           int seeds) {
  const Result<ScenarioDocument> document = ScenarioDocument::read(path);  // read once
  if (!document.ok()) return document.error();
  return compare(document.value(), policies, overrides, limits, seeds);
}

Result<Comparison> compare(const ScenarioDocument& document,
                           const std::vector<std::string>& policies,
                           const std::vector<Override>& overrides, const RunLimits& limits,
                           int seeds) {
  const std::string& path = document.path();
  Result<Scenario> base = document.decode(overrides);
  if (!base.ok()) return base.error();
  const auto runs = compared_runs(document, policies, overrides);
  if (!runs.ok()) return runs.error();
  Comparison c;
  c.scenario = base.value().name;
  c.description = base.value().description;
  std::vector<Column> columns;
  for (const auto& [name, scenario] : runs.value()) {
    c.columns.push_back(name);
    Result<Column> column = run_column(scenario, seeds, limits);
    if (!column.ok()) {
      return InputError{path, 0, 0, fmt::format("the run '{}' {}", name, column.error().message),
                        ""};
    }
    columns.push_back(std::move(column.value()));
  }
  for (const std::string& metric : row_order(columns)) c.rows.push_back(compared_row(metric, columns));
  return c;
}

std::string comparison_table(const Comparison& c) {
  std::vector<std::string> header = {"metric"};
  header.insert(header.end(), c.columns.begin(), c.columns.end());
  TextTable table(std::move(header));
  for (const Comparison::Row& row : c.rows) {
    std::vector<std::string> line = {row.metric};
    for (std::size_t col = 0; col < row.values.size(); ++col) {
      std::string cell = row.values[col];
      if (col > 0 && row.ratios[col]) cell += fmt::format(" ({:.3g}x)", *row.ratios[col]);
      line.push_back(cell);
    }
    table.add(std::move(line));
  }
  std::string out = c.description.empty() ? fmt::format("{}\n", c.scenario)
                                          : fmt::format("{}: {}\n", c.scenario, c.description);
  return out + "(ratios to the first column)\n\n" + table.render();
}

std::string comparison_json(const Comparison& c) {
  JsonWriter w;
  w.begin_object();
  w.string("scenario", c.scenario);
  w.begin_array("columns");
  for (const std::string& col : c.columns) w.string("", col);
  w.end_array();
  w.begin_array("rows");
  for (const Comparison::Row& row : c.rows) {
    w.begin_object();
    w.string("metric", row.metric);
    w.begin_array("values");
    for (const Comparison::Row::Raw& v : row.raw) {
      switch (v.kind) {
        case Comparison::Row::Raw::Kind::kAbsent:
        case Comparison::Row::Raw::Kind::kNull:
          w.null("");
          break;
        case Comparison::Row::Raw::Kind::kNumber:
          w.raw("", v.text);
          break;
        case Comparison::Row::Raw::Kind::kText:
          w.string("", v.text);
          break;
      }
    }
    w.end_array();
    w.begin_array("ratios");
    for (const auto& r : row.ratios) w.optional_real("", r);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.finish();
}

std::string comparison_csv(const Comparison& c) {
  std::string out = "metric";
  auto cell = [&out](const std::string& v) {
    out += ',';
    out += csv_field(v);
  };
  for (const std::string& col : c.columns) cell(col);
  for (std::size_t i = 1; i < c.columns.size(); ++i) cell(fmt::format("ratio:{}", c.columns[i]));
  out += '\n';
  for (const Comparison::Row& row : c.rows) {
    out += csv_field(row.metric);
    for (const Comparison::Row::Raw& v : row.raw) cell(v.text);
    for (std::size_t i = 1; i < row.ratios.size(); ++i) {
      cell(row.ratios[i] ? format_real(*row.ratios[i]) : std::string());
    }
    out += '\n';
  }
  return out;
}

}  // namespace gilsim
