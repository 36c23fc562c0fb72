#include "gilsim/lab/explain.hpp"

#include <fmt/format.h>

#include <optional>

#include "gilsim/lab/simulate.hpp"
#include "gilsim/report/thread_states.hpp"

namespace gilsim {

// Written for these record kinds: a new kind stops the build here until
// explain handles it (or says why it need not).
static_assert(kRecordKindCount == 30, "a new RecordKind: handle it in explain");

namespace {

std::string when(Tick t) { return fmt::format("{:>10}", format_duration(t)); }

/// A run replayed up to an instant, as explain needs it: the thread's state
/// (the one replay of thread states the timeline uses too), the cores, the
/// GIL's holder, and what happened during the thread's current wait for it.
class Replay {
 public:
  Replay(const RunInfo& info, ThreadId who)
      : states(info), cores(static_cast<std::size_t>(info.cores)), info_(info), who_(who) {}

  void feed(const TraceRecord& r) {
    states.feed(r, spans_);
    spans_.clear();
    if (r.thread >= info_.threads.size()) return;  // kSimEnd, shared-memory totals
    switch (r.kind) {
      case RecordKind::kDispatch:
      case RecordKind::kRunning:
      case RecordKind::kOffCore:
        on_core(r);
        break;
      case RecordKind::kGilAcquire:
      case RecordKind::kGilRelease:
      case RecordKind::kGilRequest:
        if (same_gil(r)) on_gil(r);
        break;
      case RecordKind::kGilTimeout:
      case RecordKind::kDropRequest:
      case RecordKind::kFailedAcquire:
        on_wait_event(r);
        break;
      default:  // the thread's own state comes from ThreadStates
        break;
    }
  }

  /// Per core: the thread dispatched there, and whether it runs yet (kRunning)
  /// or the core is still switching to it (a context switch or a wake-up).
  struct CoreView {
    ThreadId thread = kNoThread;
    bool running = false;
  };

  ThreadStates states;
  std::vector<CoreView> cores;
  ThreadId holder = kNoThread;
  Tick holder_since = 0;
  Tick gil_request = -1;  ///< when the thread began to wait for the GIL
  std::vector<std::string> wait_story;  ///< events of its current GIL wait

 private:
  std::string name(ThreadId t) const { return info_.threads[t].name; }
  bool same_gil(const TraceRecord& r) const {
    return info_.threads[r.thread].process == info_.threads[who_].process;
  }

  void on_core(const TraceRecord& r) {
    CoreView& core = cores[static_cast<std::size_t>(r.core())];
    if (r.is(RecordKind::kOffCore)) {
      if (core.thread == r.thread) core = CoreView{};
    } else {
      core = CoreView{r.thread, r.is(RecordKind::kRunning)};
    }
  }

  void on_gil(const TraceRecord& r) {
    if (r.is(RecordKind::kGilRequest)) {
      if (r.thread == who_) gil_request = r.time, wait_story.clear();
    } else if (r.is(RecordKind::kGilAcquire)) {
      holder = r.thread, holder_since = r.time;
      if (r.thread == who_) {
        gil_request = -1;
        wait_story.clear();
      } else if (gil_request >= 0) {
        wait_story.push_back(
            fmt::format("{}  {} took the GIL: another thread won it", when(r.time), name(r.thread)));
      }
    } else {  // kGilRelease
      if (gil_request >= 0 && r.thread != who_) {
        wait_story.push_back(fmt::format(
            "{}  {} released the GIL{}", when(r.time), name(r.thread),
            r.drop_reason() == DropReason::kForced ? " at a check site"
            : r.drop_reason() == DropReason::kExit ? " (it finished)"
                                                   : " before a blocking call"));
      }
      if (holder == r.thread) holder = kNoThread;
    }
  }

  void on_wait_event(const TraceRecord& r) {
    const std::string& thread = info_.threads[who_].name;
    if (r.is(RecordKind::kGilTimeout) && r.thread == who_) {
      wait_story.push_back(fmt::format(
          "{}  {}'s wait timed out (one switch interval without the GIL)", when(r.time), thread));
    } else if (r.is(RecordKind::kDropRequest) && gil_request >= 0 && same_gil(r)) {
      wait_story.push_back(fmt::format("{}  {} asked {} to drop the GIL (drop request)",
                                       when(r.time), name(r.requester()), name(r.thread)));
    } else if (r.is(RecordKind::kFailedAcquire) && r.thread == who_) {
      wait_story.push_back(fmt::format(
          "{}  {} was woken, but the GIL was taken again before it ran (failed acquisition)",
          when(r.time), thread));
    }
  }

  const RunInfo& info_;
  ThreadId who_;
  std::vector<StateSpan> spans_;
};

/// "core 0 runs a, core 1 switching to b, core 2 idle"; `own` is the core
/// switching to `who`, if any.
std::string cores_view(const Replay& replay, const RunInfo& info, ThreadId who,
                       std::optional<std::size_t>& own) {
  std::vector<std::string> view;
  for (std::size_t c = 0; c < replay.cores.size(); ++c) {
    const Replay::CoreView& core = replay.cores[c];
    if (core.thread == who) own = c;
    const std::string& name = core.thread == kNoThread ? "" : info.threads[core.thread].name;
    view.push_back(core.thread == kNoThread ? fmt::format("core {} idle", c)
                   : core.running           ? fmt::format("core {} runs {}", c, name)
                                            : fmt::format("core {} switching to {}", c, name));
  }
  return fmt::format("{}", fmt::join(view, ", "));
}

std::string runnable_line(const Replay& replay, const RunInfo& info, ThreadId who,
                          const std::string& now_text, Tick since) {
  const std::string& thread = info.threads[who].name;
  std::optional<std::size_t> own;
  const std::string view = cores_view(replay, info, who, own);
  return own ? fmt::format("at {}, {} was runnable since {}: core {} was switching to it "
                           "(a wake-up or a context switch takes time) ({})",
                           now_text, thread, format_duration(since), *own, view)
             : fmt::format("at {}, {} was runnable since {}, waiting for a core ({})", now_text,
                           thread, format_duration(since), view);
}

/// The thread waits for the GIL: who holds it, what happened meanwhile, and
/// when the wait ends.
std::vector<std::string> gil_wait_lines(const Replay& replay, const RunInfo& info, ThreadId who,
                                        const std::string& now_text, Tick since) {
  const auto name = [&](ThreadId t) { return info.threads[t].name; };
  std::vector<std::string> lines;
  lines.push_back(fmt::format("at {}, {} was waiting for the GIL, since {}", now_text, name(who),
                              format_duration(replay.gil_request >= 0 ? replay.gil_request : since)));
  if (replay.holder != kNoThread) {
    lines.push_back(fmt::format("the GIL was held by {} since {}", name(replay.holder),
                                format_duration(replay.holder_since)));
  } else {
    lines.push_back("the GIL was free at that instant: a woken thread was on its way to take it");
  }
  if (!replay.wait_story.empty()) lines.push_back("what happened meanwhile:");
  lines.insert(lines.end(), replay.wait_story.begin(), replay.wait_story.end());
  const ProcessInfo& p = info.processes[static_cast<std::size_t>(info.threads[who].process)];
  if (p.timed_wait) {
    lines.push_back(fmt::format(
        "its current timed wait began at {} and ends at {} (one switch interval): if no other "
        "thread has taken the GIL by then, it asks {} to drop it",
        format_duration(since), format_duration(since + p.switch_interval),
        replay.holder != kNoThread ? name(replay.holder) : std::string("the holder")));
  }
  return lines;
}

/// What the thread was doing at `at`, from the replay.
std::vector<std::string> narrate(const Replay& replay, const RunInfo& info, ThreadId who, Tick at) {
  const std::string now_text = format_duration(at);
  const std::string& thread = info.threads[who].name;
  const ThreadNow now = replay.states.now(who);
  const std::string since = format_duration(now.since);
  if (now.phase == ThreadNow::Phase::kNotStarted) {
    return {fmt::format("at {}, {} had not started yet", now_text, thread)};
  }
  if (now.phase == ThreadNow::Phase::kFinished) {
    return {fmt::format("at {}, {} had finished (at {})", now_text, thread, since)};
  }
  switch (now.state) {
    case ThreadState::kRunning:
    case ThreadState::kRunningWithGil:
    case ThreadState::kRunningWithoutGil:
      return {fmt::format("at {}, {} was running (since {}){}", now_text, thread,
                          format_duration(now.on_core_since),
                          replay.holder == who ? fmt::format(", holding the GIL since {}",
                                                             format_duration(replay.holder_since))
                                               : "")};
    case ThreadState::kRunnable:
      return {runnable_line(replay, info, who, now_text, now.since)};
    case ThreadState::kInIo:
    case ThreadState::kSleeping:
      return {fmt::format("at {}, {} was in a blocking call ({}) since {}; it does not need the "
                          "GIL there",
                          now_text, thread, now.state == ThreadState::kInIo ? "I/O" : "sleep",
                          since)};
    case ThreadState::kHandoff:
      return {fmt::format("at {}, {} had dropped the GIL at a check site at {} and waited until "
                          "another thread took it (FORCE_SWITCHING)",
                          now_text, thread, since)};
    case ThreadState::kWaitingForGil:
      return gil_wait_lines(replay, info, who, now_text, now.since);
  }
  return {};
}

}  // namespace

Result<std::vector<std::string>> explain(const Scenario& scenario, const std::string& thread,
                                         Tick at, const RunLimits& limits) {
  const RunInfo info = make_run_info(scenario);
  ThreadId who = kNoThread;
  for (std::size_t i = 0; i < info.threads.size(); ++i) {
    if (info.threads[i].name == thread) who = static_cast<ThreadId>(i);
  }
  if (who == kNoThread) {
    std::vector<std::string> names;
    for (const ThreadInfo& t : info.threads) names.push_back(t.name);
    return InputError{
        "--thread " + thread, 0, 0,
        fmt::format("no thread named '{}'; threads: {}", thread, fmt::join(names, ", ")), ""};
  }
  VectorSink trace;
  const SimulateResult run = simulate(scenario, SimulateOptions{limits, {&trace}});
  if (at > run.outcome.end_time) {
    return std::vector<std::string>{
        fmt::format("the run had ended at {}", format_duration(run.outcome.end_time))};
  }
  Replay replay(info, who);
  for (const TraceRecord& r : trace.records) {
    if (r.time > at) break;
    replay.feed(r);
  }
  return narrate(replay, info, who, at);
}

}  // namespace gilsim
