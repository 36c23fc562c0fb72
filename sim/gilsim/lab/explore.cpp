#include "gilsim/lab/explore.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>

#include "gilsim/lab/simulate.hpp"

namespace gilsim {

// Written for these record kinds: a new kind stops the build here until
// explore's replay of a lost update handles it (or says why it need not).
static_assert(kRecordKindCount == 30, "a new RecordKind: handle it in explore's replay of a lost update");
namespace {

constexpr const char* kKinds[] = {"lost update", "leak", "premature free", "use after free"};

bool shows(const RaceReport& r, int kind) {
  switch (kind) {
    case 0:
      return r.stale_writes > 0;
    case 1:
      return r.leaked > 0;
    case 2:
      return r.premature_frees > 0;
    default:
      return r.use_after_free > 0;
  }
}


/// What happened between the stale read and the stale write, from the trace of
/// a re-run of the same seed.
std::vector<std::string> interleaving(const Scenario& scenario, const ExploreResult::Shortest& s) {
  VectorSink trace;
  SimulateOptions options;
  options.sinks.push_back(&trace);
  simulate(scenario, options);
  const RunInfo info = make_run_info(scenario);
  auto thread_id = [&](const std::string& name) {
    for (std::size_t i = 0; i < info.threads.size(); ++i) {
      if (info.threads[i].name == name) return static_cast<ThreadId>(i);
    }
    return kNoThread;
  };
  const ThreadId writer = thread_id(s.update.writer);
  const ThreadId other = thread_id(s.update.overwritten);
  std::vector<std::string> steps;
  auto step = [&](Tick t, std::string text) {
    steps.push_back(fmt::format("{:>12}  {}", format_duration(t), text));
  };
  step(s.update.read_ns, fmt::format("{} reads {}", s.update.writer, s.item));
  for (const TraceRecord& r : trace.records) {
    if (r.time < s.update.read_ns || r.time > s.update.write_ns) continue;
    if (r.thread != writer && r.thread != other) continue;
    const std::string& who = info.threads[r.thread].name;
    switch (r.kind) {
      case RecordKind::kDropRequest:
        step(r.time, fmt::format("{} is asked to drop the GIL (drop request by {})", who,
                                 info.threads[r.requester()].name));
        break;
      case RecordKind::kGilRelease:
        step(r.time, fmt::format("{} releases the GIL{}", who,
                                 r.drop_reason() == DropReason::kForced
                                     ? " at a check site inside its read-write window"
                                     : ""));
        break;
      case RecordKind::kGilAcquire:
        step(r.time, fmt::format("{} takes the GIL", who));
        break;
      default:
        break;
    }
  }
  step(s.update.write_ns, fmt::format("meanwhile {} update{} of {} {} made, the last by {}",
                                      s.update.lost, s.update.lost == 1 ? "" : "s", s.item,
                                      s.update.lost == 1 ? "was" : "were", s.update.overwritten));
  step(s.update.write_ns,
       fmt::format("{} writes {} from its stale read: {} update{} lost", s.update.writer, s.item,
                   s.update.lost, s.update.lost == 1 ? "" : "s"));
  return steps;
}

}  // namespace

bool shorter_lost_update(const LostUpdate& a, const LostUpdate& b) {
  if (a.lost != b.lost) return a.lost < b.lost;
  return a.write_ns - a.read_ns < b.write_ns - b.read_ns;
}

ExploreResult explore(const Scenario& scenario, const ExploreOptions& options) {
  ExploreResult result;
  for (const char* name : kKinds) result.kinds.push_back({name, 0, std::nullopt});
  const auto started = std::chrono::steady_clock::now();
  Scenario run = scenario;
  for (int i = 0; i < options.schedules; ++i) {
    if (!options.shard.has(static_cast<std::size_t>(i))) continue;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (elapsed > options.time_limit_s) {
      result.stopped_early = true;
      break;
    }
    run.model.seed = options.first_seed + static_cast<std::uint64_t>(i);
    const SimulateResult r = simulate(run, SimulateOptions{options.limits, {}});
    ++result.runs;
    for (std::size_t k = 0; k < result.kinds.size(); ++k) {
      bool seen = false;
      for (const RaceReport& race : r.report.races) seen = seen || shows(race, static_cast<int>(k));
      if (!seen) continue;
      ++result.kinds[k].schedules;
      if (!result.kinds[k].first_seed) result.kinds[k].first_seed = run.model.seed;
    }
    for (const RaceReport& race : r.report.races) {
      for (const LostUpdate& l : race.first_lost) {
        if (l.lost <= 0) continue;  // a stale write that erased nothing on balance
        if (!result.shortest || shorter_lost_update(l, result.shortest->update)) {
          result.shortest = ExploreResult::Shortest{run.model.seed, race.name, l};
        }
      }
    }
    if (options.progress && (i + 1 == options.schedules || (i + 1) % 10 == 0)) {
      fmt::print(*options.progress, "schedule {}/{}\n", i + 1, options.schedules);
    }
  }
  if (result.shortest) {
    run.model.seed = result.shortest->seed;
    result.steps = interleaving(run, *result.shortest);
  }
  return result;
}

std::string explore_text(const ExploreResult& r, const ExploreCommand& c) {
  const std::uint64_t last = c.first_seed + static_cast<std::uint64_t>(r.runs) - 1;
  std::string out = fmt::format(
      "explored {} schedule{} of {} (seeds {}..{}){}\n\n", r.runs, r.runs == 1 ? "" : "s", c.path,
      c.first_seed, last,
      r.stopped_early ? fmt::format(", stopped after the {} s time limit", c.time_limit_s) : "");
  for (const ExploreResult::Kind& k : r.kinds) {
    out += fmt::format("{:<15} {:>6}/{:<6} {}\n", k.name, k.schedules, r.runs,
                       k.first_seed ? fmt::format("first seed {}: gilsim run {} --seed {}{}",
                                                  *k.first_seed, c.replay_file, *k.first_seed,
                                                  c.replay)
                                    : std::string("-"));
  }
  if (!r.shortest) return out + "\nno lost update in any schedule\n";
  out += fmt::format("\nshortest lost update: {} in seed {} (gilsim run {} --seed {}{})\n",
                     r.shortest->item, r.shortest->seed, c.replay_file, r.shortest->seed, c.replay);
  for (const std::string& step : r.steps) out += step + "\n";
  return out;
}

}  // namespace gilsim
