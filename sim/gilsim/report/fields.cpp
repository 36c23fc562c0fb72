#include "gilsim/report/fields.hpp"

#include <fmt/format.h>

#include "gilsim/report/number_format.hpp"

namespace gilsim {
namespace {

Field make_field(std::string path, Field::Kind kind) {
  Field f;
  f.path = std::move(path);
  f.kind = kind;
  return f;
}

class Flattener {
 public:
  explicit Flattener(std::vector<Field>& out) : out_(out) {}
  void text(std::string path, std::string v) {
    Field f = make_field(std::move(path), Field::Kind::kText);
    f.text = std::move(v);
    out_.push_back(std::move(f));
  }
  void integer(std::string path, std::int64_t v, bool duration = false) {
    Field f = make_field(std::move(path), Field::Kind::kInteger);
    f.integer = v;
    f.is_duration = duration;
    out_.push_back(std::move(f));
  }
  void duration(std::string path, Tick v) { integer(std::move(path), v, true); }
  void real(std::string path, double v) {
    Field f = make_field(std::move(path), Field::Kind::kReal);
    f.real = v;
    out_.push_back(std::move(f));
  }
  void optional_real(std::string path, const std::optional<double>& v) {
    if (v) {
      real(std::move(path), *v);
    } else {
      out_.push_back(make_field(std::move(path), Field::Kind::kNull));
    }
  }
  void percentiles(const std::string& prefix, const Percentiles& p) {
    integer(prefix + ".count", p.count);
    duration(prefix + ".p50", p.p50);
    duration(prefix + ".p90", p.p90);
    duration(prefix + ".p99", p.p99);
    duration(prefix + ".max", p.max);
  }

 private:
  std::vector<Field>& out_;
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
  Flattener f(out);
  f.text("scenario", r.info.scenario);
  f.integer("seed", static_cast<std::int64_t>(r.info.seed));
  f.text("policy", r.info.processes.empty() ? "" : r.info.processes[0].policy);
  f.text("version", r.info.processes.empty() ? "" : r.info.processes[0].version);
  f.duration("simulated_ns", r.simulated_ns);
  f.integer("events", static_cast<std::int64_t>(r.events));
  for (const ThreadReport& t : r.threads) {
    const std::string p = "threads." + t.name;
    f.duration(p + ".cpu_ns", t.cpu_ns);
    f.duration(p + ".lock_overhead_ns", t.lock_overhead_ns);
    f.duration(p + ".runnable_ns", t.runnable_ns);
    f.duration(p + ".gil_held_ns", t.gil_held_ns);
    f.duration(p + ".gil_wait_ns", t.gil_wait_ns);
    f.percentiles(p + ".gil_wait", t.gil_wait);
    f.integer(p + ".acquisitions", t.acquisitions);
    f.integer(p + ".failed_acquisitions", t.failed_acquisitions);
    f.integer(p + ".forced_drops", t.forced_drops);
    f.integer(p + ".io_ops", t.io_ops);
    f.duration(p + ".blocked_ns", t.blocked_ns);
    f.percentiles(p + ".gil_reacquire", t.gil_reacquire);
    f.integer(p + ".instructions", t.instructions);
    if (t.finished_ns) {
      f.duration(p + ".finished_ns", *t.finished_ns);
    } else {
      out.push_back(make_field(p + ".finished_ns", Field::Kind::kNull));
    }
  }
  const Metrics& m = r.metrics;
  f.duration("metrics.makespan_ns", m.makespan_ns);
  f.real("metrics.throughput", m.throughput);
  f.duration("metrics.serial_ns", m.serial_ns);
  f.real("metrics.speedup_vs_serial", m.speedup_vs_serial);
  f.optional_real("metrics.gil_utilization", m.gil_utilization);
  f.real("metrics.core_utilization", m.core_utilization);
  f.integer("metrics.gil_switches", m.gil_switches);
  f.integer("metrics.gil_releases", m.gil_releases);
  f.integer("metrics.context_switches", m.context_switches);
  f.real("metrics.fairness_jain", m.fairness_jain);
  f.duration("metrics.max_gil_wait_ns", m.max_gil_wait_ns);
  f.integer("metrics.starved_threads", m.starved_threads);
  f.duration("metrics.starvation_threshold_ns", m.starvation_threshold_ns);
  f.optional_real("metrics.convoy_factor", m.convoy_factor);
  f.integer("metrics.failed_acquisitions", m.failed_acquisitions);
  f.real("metrics.badness", m.badness);
  for (const RaceReport& x : r.races) {
    const std::string p = "races." + x.name;
    f.integer(p + ".expected", x.expected);
    f.integer(p + ".final", x.final_value);
    f.integer(p + ".lost_updates", x.lost_updates);
    f.integer(p + ".stale_writes", x.stale_writes);
    f.integer(p + ".leaked", x.leaked);
    f.integer(p + ".premature_frees", x.premature_frees);
    f.integer(p + ".use_after_free", x.use_after_free);
    f.integer(p + ".brc_queued", x.brc_queued);
    f.integer(p + ".brc_merges", x.brc_merges);
  }
  for (const LoopReport& l : r.loops) {
    const std::string p = fmt::format("loops.{}.{}", l.name, l.thread);
    f.integer(p + ".iterations", l.iterations);
    f.real(p + ".rate", l.rate);
    f.percentiles(p + ".iteration", l.iteration);
  }
  return out;
}

}  // namespace gilsim
