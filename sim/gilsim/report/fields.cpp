#include "gilsim/report/fields.hpp"

#include <fmt/format.h>

#include "gilsim/report/number_format.hpp"
#include "gilsim/report/report_fields.hpp"

namespace gilsim {
namespace {

/// Appends visit_numbers()'s fields as "PREFIX.key" fields.
class Flattener {
 public:
  Flattener(std::vector<Field>& out, std::string prefix) : out_(out), prefix_(std::move(prefix)) {}
  void text(std::string_view key, std::string v) {
    Field f = make_field(key, Field::Kind::kText);
    f.text = std::move(v);
    out_.push_back(std::move(f));
  }
  void integer(std::string_view key, std::int64_t v, bool duration = false) {
    Field f = make_field(key, Field::Kind::kInteger);
    f.integer = v;
    f.is_duration = duration;
    out_.push_back(std::move(f));
  }
  void duration(std::string_view key, Tick v) { integer(key, v, true); }
  void real(std::string_view key, double v) {
    Field f = make_field(key, Field::Kind::kReal);
    f.real = v;
    out_.push_back(std::move(f));
  }
  void optional_real(std::string_view key, const std::optional<double>& v) {
    if (v) {
      real(key, *v);
    } else {
      out_.push_back(make_field(key, Field::Kind::kNull));
    }
  }
  void optional_duration(std::string_view key, const std::optional<Tick>& v) {
    if (v) {
      duration(key, *v);
    } else {
      out_.push_back(make_field(key, Field::Kind::kNull));
    }
  }
  void percentiles(std::string_view key, const Percentiles& p) {
    Flattener inner(out_, path(key));
    inner.integer("count", p.count);
    inner.duration("p50", p.p50);
    inner.duration("p90", p.p90);
    inner.duration("p99", p.p99);
    inner.duration("max", p.max);
  }

 private:
  std::string path(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : fmt::format("{}.{}", prefix_, key);
  }
  Field make_field(std::string_view key, Field::Kind kind) const {
    Field f;
    f.path = path(key);
    f.kind = kind;
    return f;
  }

  std::vector<Field>& out_;
  std::string prefix_;
};

}  // namespace

std::string Field::value_text() const {
  switch (kind) {
    case Kind::kInteger:
      return fmt::format("{}", integer);
    case Kind::kReal:
      return format_real(real);
    case Kind::kText:
      return text;
    case Kind::kNull:
      break;
  }
  return "null";
}

std::vector<Field> flatten(const Report& r) {
  std::vector<Field> out;
  Flattener top(out, "");
  top.text("scenario", r.info.scenario);
  top.integer("seed", static_cast<std::int64_t>(r.info.seed));
  top.text("policy", r.info.processes.empty() ? "" : r.info.processes[0].policy);
  top.text("version", r.info.processes.empty() ? "" : r.info.processes[0].version);
  top.duration("simulated_ns", r.simulated_ns);
  top.integer("events", static_cast<std::int64_t>(r.events));
  for (const ThreadReport& t : r.threads) {
    Flattener thread(out, "threads." + t.name);
    visit_numbers(t, thread);
  }
  Flattener metrics(out, "metrics");
  visit_numbers(r.metrics, metrics);
  for (const RaceReport& x : r.races) {
    Flattener race(out, "races." + x.name);
    visit_numbers(x, race);
  }
  for (const LoopReport& l : r.loops) {
    Flattener loop(out, fmt::format("loops.{}.{}", l.name, l.thread));
    visit_numbers(l, loop);
  }
  return out;
}

}  // namespace gilsim
