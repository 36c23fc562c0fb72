#include "gilsim/lab/seeds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "gilsim/core/assert.hpp"
#include "gilsim/core/quantile.hpp"
#include "gilsim/lab/simulate.hpp"
#include "gilsim/report/escape.hpp"
#include "gilsim/report/fields.hpp"
#include "gilsim/report/json_writer.hpp"
#include "gilsim/report/number_format.hpp"

namespace gilsim {

double FieldSpread::quantile(double q) const { return gilsim::quantile(values, q); }

std::string FieldSpread::format(double v) const {
  if (is_duration) return format_duration(static_cast<Tick>(std::llround(v)));
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{:.0f}", v);  // a count
  return fmt::format("{:.6g}", v);
}

std::string spread_text(const FieldSpread& f) {
  return fmt::format("{} [{}-{}]", f.format(f.median()), f.format(f.min()), f.format(f.max()));
}

const FieldSpread* find_field(const SeedRuns& runs, const std::string& path) {
  for (const FieldSpread& f : runs.fields) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

Result<SeedRuns> run_seeds(const Scenario& scenario, std::uint64_t first_seed, int count,
                           const RunLimits& limits) {
  GILSIM_ASSERT(count >= 1 && count <= kMaxSeeds, "seed count {} out of range", count);
  SeedRuns out{first_seed, count, {}};
  Scenario s = scenario;
  for (int i = 0; i < count; ++i) {
    s.model.seed = first_seed + static_cast<std::uint64_t>(i);
    const SimulateResult r = simulate(s, SimulateOptions{limits, {}});
    if (const auto why = why_unfinished(r.outcome, limits)) {
      return InputError{scenario.path, 0, 0,
                        fmt::format("the run with seed {} did not finish: {}", s.model.seed, *why),
                        ""};
    }
    std::map<std::string, double> numbers;  // this run's numeric fields by path
    std::vector<FieldSpread> fields;
    for (const Field& f : flatten(r.report)) {
      if (f.kind != Field::Kind::kInteger && f.kind != Field::Kind::kReal) continue;
      if (f.path == "seed") continue;  // what varies, not a result
      const double v = f.kind == Field::Kind::kInteger ? static_cast<double>(f.integer) : f.real;
      numbers[f.path] = v;
      if (i == 0) fields.push_back({f.path, f.is_duration, {v}});
    }
    if (i == 0) {
      out.fields = std::move(fields);
      continue;
    }
    // Keep the fields numeric in every run so far, in the first run's order.
    std::erase_if(out.fields, [&](const FieldSpread& f) { return !numbers.count(f.path); });
    for (FieldSpread& f : out.fields) f.values.push_back(numbers[f.path]);
  }
  return out;
}

namespace {

std::vector<const FieldSpread*> selected(const SeedRuns& runs,
                                         const std::vector<std::string>& paths) {
  std::vector<const FieldSpread*> out;
  for (const FieldSpread& f : runs.fields) {
    if (paths.empty() || std::find(paths.begin(), paths.end(), f.path) != paths.end()) {
      out.push_back(&f);
    }
  }
  return out;
}

std::string number(double v) { return fmt::format("{:.10g}", v); }

}  // namespace

std::string seeds_table(const Scenario& scenario, const SeedRuns& runs,
                        const std::vector<std::string>& paths) {
  const auto fields = selected(runs, paths);
  std::size_t width = 5;
  for (const FieldSpread* f : fields) width = std::max(width, f->path.size());
  std::string out = scenario.description.empty()
                        ? scenario.name
                        : fmt::format("{}: {}", scenario.name, scenario.description);
  out += fmt::format("\nseeds {}..{} ({} runs): median [min-max] of each field\n\n", runs.first_seed,
                     runs.first_seed + static_cast<std::uint64_t>(runs.count) - 1, runs.count);
  out += fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}\n", "field", width, "median", "min", "max");
  for (const FieldSpread* f : fields) {
    out += fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}\n", f->path, width, f->format(f->median()),
                       f->format(f->min()), f->format(f->max()));
  }
  return out;
}

std::string seeds_csv(const SeedRuns& runs, const std::vector<std::string>& paths) {
  std::string out = "path,median,min,max\n";
  for (const FieldSpread* f : selected(runs, paths)) {
    out += fmt::format("{},{},{},{}\n", csv_field(f->path), number(f->median()), number(f->min()),
                       number(f->max()));
  }
  return out;
}

std::string seeds_json(const Scenario& scenario, const SeedRuns& runs,
                       const std::vector<std::string>& paths) {
  JsonWriter w;
  w.begin_object();
  w.string("scenario", scenario.name);
  w.integer("first_seed", static_cast<std::int64_t>(runs.first_seed));
  w.integer("seeds", runs.count);
  w.begin_array("fields");
  for (const FieldSpread* f : selected(runs, paths)) {
    w.begin_object();
    w.string("path", f->path);
    w.raw("median", number(f->median()));
    w.raw("min", number(f->min()));
    w.raw("max", number(f->max()));
    w.begin_array("values");
    for (double v : f->values) w.raw("", number(v));
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.finish();
}

}  // namespace gilsim
