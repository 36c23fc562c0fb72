#include "gilsim/report/writers.hpp"

#include "gilsim/report/text_table.hpp"

#include "gilsim/report/escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "gilsim/report/fields.hpp"
#include "gilsim/report/json_writer.hpp"
#include "gilsim/report/number_format.hpp"
#include "gilsim/report/report_fields.hpp"

namespace gilsim {

namespace {

/// Writes visit_numbers()'s fields as JSON members.
class JsonNumbers {
 public:
  explicit JsonNumbers(JsonWriter& w) : w_(w) {}
  void integer(std::string_view key, std::int64_t v) { w_.integer(key, v); }
  void duration(std::string_view key, Tick v) { w_.integer(key, v); }
  void real(std::string_view key, double v) { w_.real(key, v); }
  void optional_real(std::string_view key, const std::optional<double>& v) {
    w_.optional_real(key, v);
  }
  void optional_duration(std::string_view key, const std::optional<Tick>& v) {
    w_.optional_integer(key, v);
  }
  void percentiles(std::string_view key, const Percentiles& p) {
    w_.begin_object(key);
    w_.integer("count", p.count);
    w_.integer("p50", p.p50);
    w_.integer("p90", p.p90);
    w_.integer("p99", p.p99);
    w_.integer("max", p.max);
    w_.end_object();
  }

 private:
  JsonWriter& w_;
};

void write_thread(JsonWriter& w, const ThreadReport& t) {
  w.begin_object();
  w.string("name", t.name);
  w.string("process", t.process);
  JsonNumbers numbers(w);
  visit_numbers(t, numbers);
  w.end_object();
}

void write_race(JsonWriter& w, const RaceReport& race) {
  w.begin_object();
  w.string("name", race.name);
  w.string("kind", race.kind);
  JsonNumbers numbers(w);
  visit_numbers(race, numbers);
  w.optional_integer("freed_ns", race.freed_ns);
  w.begin_array("first_lost");
  for (const LostUpdate& l : race.first_lost) {
    w.begin_object();
    w.string("writer", l.writer);
    w.integer("read_ns", l.read_ns);
    w.integer("write_ns", l.write_ns);
    w.string("overwritten", l.overwritten);
    w.integer("lost", l.lost);
    w.end_object();
  }
  w.end_array();
  w.begin_array("first_premature_frees");
  for (const PrematureFree& f : race.first_frees) {
    w.begin_object();
    w.string("thread", f.thread);
    w.integer("time_ns", f.time_ns);
    w.integer("references_held", f.references_held);
    w.begin_array("holders");
    for (const std::string& h : f.holders) w.string("", h);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}


std::string dur(Tick t) { return format_duration(t); }
std::string percent(double share) { return fmt::format("{:.1f}%", share * 100); }

/// 65.4M, 1.2k, 950: a count or rate for people.
std::string human(double v) {
  if (v >= 1e9) return fmt::format("{:.3g}G", v / 1e9);
  if (v >= 1e6) return fmt::format("{:.3g}M", v / 1e6);
  if (v >= 1e4) return fmt::format("{:.3g}k", v / 1e3);
  return format_real(v);
}

}  // namespace

std::string to_json(const Report& r) {
  JsonWriter w;
  w.begin_object();
  w.string("scenario", r.info.scenario);
  w.string("description", r.info.description);
  w.integer("seed", static_cast<std::int64_t>(r.info.seed));
  w.string("policy", r.info.processes.empty() ? "" : r.info.processes[0].policy);
  w.string("version", r.info.processes.empty() ? "" : r.info.processes[0].version);
  w.begin_object("machine");
  w.integer("cores", r.info.cores);
  w.string("scheduler", r.info.scheduler);
  w.string("wakeup_latency", r.info.wakeup_latency_text);
  w.integer("wakeup_latency_ns", r.info.wakeup_latency);
  w.end_object();
  w.begin_array("processes");
  for (const ProcessInfo& p : r.info.processes) {
    w.begin_object();
    w.string("name", p.name);
    w.string("version", p.version);
    w.string("policy", p.policy);
    w.integer("switch_interval_ns", p.switch_interval);
    w.end_object();
  }
  w.end_array();
  w.integer("simulated_ns", r.simulated_ns);
  w.integer("events", static_cast<std::int64_t>(r.events));
  w.begin_array("threads");
  for (const ThreadReport& t : r.threads) write_thread(w, t);
  w.end_array();
  JsonNumbers numbers(w);
  w.begin_object("metrics");
  visit_numbers(r.metrics, numbers);
  w.end_object();
  w.begin_array("loops");
  for (const LoopReport& l : r.loops) {
    w.begin_object();
    w.string("name", l.name);
    w.string("thread", l.thread);
    visit_numbers(l, numbers);
    w.end_object();
  }
  w.end_array();
  w.begin_array("races");
  for (const RaceReport& race : r.races) write_race(w, race);
  w.end_array();
  w.end_object();
  return w.finish();
}

namespace {

std::string table_header(const Report& r) {
  std::string out = r.info.description.empty()
                        ? fmt::format("{}\n", r.info.scenario)
                        : fmt::format("{}: {}\n", r.info.scenario, r.info.description);
  const ProcessInfo* main = r.info.processes.empty() ? nullptr : &r.info.processes[0];
  out += fmt::format(
      "seed {} | policy {} | version {} | {} core{}, {} | simulated {} | {} events\n", r.info.seed,
      main ? main->policy : "", main ? main->version : "", r.info.cores,
      r.info.cores == 1 ? "" : "s", r.info.scheduler, dur(r.simulated_ns), r.events);
  if (r.info.processes.size() > 1) {
    for (const ProcessInfo& p : r.info.processes) {
      out += fmt::format("process {}: version {}, policy {}\n", p.name, p.version, p.policy);
    }
  }
  return out + "\n";
}

std::string threads_table(const Report& r) {
  TextTable threads({"thread", "cpu", "gil held", "gil wait", "wait p50", "wait max", "acquired",
                     "failed", "forced", "blocking", "reacq p50", "reacq p90", "instructions",
                     "finished"});
  for (const ThreadReport& t : r.threads) {
    const bool io = t.gil_reacquire.count > 0;
    threads.add({t.name, dur(t.cpu_ns), dur(t.gil_held_ns), dur(t.gil_wait_ns), dur(t.gil_wait.p50),
                 dur(t.gil_wait.max), fmt::format("{}", t.acquisitions),
                 fmt::format("{}", t.failed_acquisitions), fmt::format("{}", t.forced_drops),
                 fmt::format("{}", t.io_ops), io ? dur(t.gil_reacquire.p50) : "-",
                 io ? dur(t.gil_reacquire.p90) : "-", fmt::format("{}", t.instructions),
                 t.finished_ns ? dur(*t.finished_ns) : "never"});
  }
  return threads.render();
}

std::string loops_table(const Report& r) {
  if (r.loops.empty()) return "";
  TextTable loops({"loop", "thread", "iterations", "rate", "p50", "p90", "p99", "max"});
  for (const LoopReport& l : r.loops) {
    loops.add({l.name, l.thread, fmt::format("{}", l.iterations), fmt::format("{}/s", human(l.rate)),
               dur(l.iteration.p50), dur(l.iteration.p90), dur(l.iteration.p99),
               dur(l.iteration.max)});
  }
  std::string out = "\n";  // (not "\n" + ...: GCC 12's false -Wrestrict, bug 105651)
  return out += loops.render();
}

/// The first lost update and the first premature free of each shared item.
std::string first_races(const RaceReport& x) {
  std::string out;
  if (!x.first_lost.empty()) {
    const LostUpdate& l = x.first_lost.front();
    out += fmt::format(
        "  first lost update of {}: {} read it at {}, {} wrote meanwhile, {} wrote at {} "
        "(lost {})\n",
        x.name, l.writer, dur(l.read_ns), l.overwritten, l.writer, dur(l.write_ns), l.lost);
  }
  if (!x.first_frees.empty()) {
    const PrematureFree& f = x.first_frees.front();
    out += fmt::format(
        "  first premature free of {}: {}'s decref freed it at {} with {} reference{} still "
        "held (by {})\n",
        x.name, f.thread, dur(f.time_ns), f.references_held, f.references_held == 1 ? "" : "s",
        fmt::join(f.holders, ", "));
  }
  return out;
}

std::string races_table(const Report& r) {
  if (r.races.empty()) return "";
  TextTable races({"shared", "kind", "expected", "final", "lost updates", "leaked",
                   "premature frees", "use after free"});
  for (const RaceReport& x : r.races) {
    races.add({x.name, x.kind, fmt::format("{}", x.expected), fmt::format("{}", x.final_value),
               fmt::format("{}", x.lost_updates), fmt::format("{}", x.leaked),
               fmt::format("{}", x.premature_frees), fmt::format("{}", x.use_after_free)});
  }
  std::string out = "\n";
  out += races.render();
  for (const RaceReport& x : r.races) out += first_races(x);
  return out;
}

std::string metrics_table(const Metrics& m) {
  TextTable metrics({"metric", "value"}, 2);
  metrics.add({"makespan", dur(m.makespan_ns)});
  metrics.add({"throughput", fmt::format("{} instructions/s", human(m.throughput))});
  metrics.add({"speedup vs serial",
               fmt::format("{:.3f}x (serial work {})", m.speedup_vs_serial, dur(m.serial_ns))});
  metrics.add({"gil utilization", m.gil_utilization ? percent(*m.gil_utilization) : "- (no GIL)"});
  metrics.add({"core utilization", percent(m.core_utilization)});
  metrics.add({"gil switches", fmt::format("{}", m.gil_switches)});
  metrics.add({"context switches", fmt::format("{}", m.context_switches)});
  metrics.add({"fairness (Jain)", fmt::format("{:.3f}", m.fairness_jain)});
  metrics.add({"max gil wait", dur(m.max_gil_wait_ns)});
  metrics.add({"starved threads",
               fmt::format("{} (waited > {})", m.starved_threads, dur(m.starvation_threshold_ns))});
  metrics.add({"convoy factor",
               m.convoy_factor
                   ? fmt::format("{:.1f}x (reacquire p50 / wake-up latency)", *m.convoy_factor)
                   : "- (no I/O)"});
  metrics.add({"badness", fmt::format("{:.3f} ({} failed / {} releases)", m.badness,
                                      m.failed_acquisitions, m.gil_releases)});
  std::string out = "\n";
  return out += metrics.render();
}

}  // namespace

std::string to_table(const Report& r) {
  return table_header(r) + threads_table(r) + loops_table(r) + races_table(r) +
         metrics_table(r.metrics);
}

std::string to_csv(const Report& r) {
  std::string out = "path,value\n";
  for (const Field& f : flatten(r)) out += csv_field(f.path) + "," + csv_field(f.value_text()) + "\n";
  return out;
}

}  // namespace gilsim
