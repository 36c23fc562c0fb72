#include "gilsim/lab/explain.hpp"

#include <fmt/format.h>

#include <optional>

#include "gilsim/lab/simulate.hpp"

namespace gilsim {

// Written for these record kinds: a new kind stops the build here until
// explain handles it (or says why it need not).
static_assert(kRecordKindCount == 30, "a new RecordKind: handle it in explain");
namespace {

std::string when(Tick t) { return fmt::format("{:>10}", format_duration(t)); }

/// What a thread was doing, from its last state record.
struct State {
  RecordKind kind = RecordKind::kSimEnd;  ///< kSimEnd: not started
  int arg = 0;
  Tick since = 0;
};

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
  SimulateOptions options{limits, {&trace}};
  const SimulateResult run = simulate(scenario, options);
  const auto name = [&](std::uint32_t t) { return info.threads[t].name; };
  const int process = info.threads[who].process;
  std::vector<std::string> lines;
  if (at > run.outcome.end_time) {
    lines.push_back(fmt::format("the run had ended at {}", format_duration(run.outcome.end_time)));
    return lines;
  }

  // Replay the records up to `at`: the thread's state, the GIL holder, the cores.
  State state;
  ThreadId holder = kNoThread;
  Tick holder_since = 0;
  Tick gil_request = -1;  // when `who` began to wait for the GIL
  // Per core: the thread dispatched there, and whether it runs yet (kRunning) or
  // the core is still switching to it (a context switch or a wake-up).
  struct CoreView {
    ThreadId thread = kNoThread;
    bool running = false;
  };
  std::vector<CoreView> cores(static_cast<std::size_t>(info.cores));
  std::vector<std::string> wait_story;  // events of the current GIL wait
  for (const TraceRecord& r : trace.records) {
    if (r.time > at) break;
    if (r.thread == kNoThread || r.thread >= info.threads.size()) continue;
    const bool same_gil = info.threads[r.thread].process == process;
    switch (r.kind) {
      case RecordKind::kDispatch:
        cores[static_cast<std::size_t>(r.core())] = CoreView{r.thread, false};
        break;
      case RecordKind::kRunning:
        cores[static_cast<std::size_t>(r.core())] = CoreView{r.thread, true};
        break;
      case RecordKind::kOffCore:
        if (cores[static_cast<std::size_t>(r.core())].thread == r.thread) {
          cores[static_cast<std::size_t>(r.core())] = CoreView{};
        }
        break;
      case RecordKind::kGilAcquire:
        if (!same_gil) break;
        holder = r.thread;
        holder_since = r.time;
        if (r.thread == who) {
          gil_request = -1;
          wait_story.clear();
        } else if (gil_request >= 0) {
          wait_story.push_back(fmt::format("{}  {} took the GIL: another thread won it",
                                           when(r.time), name(r.thread)));
        }
        break;
      case RecordKind::kGilRelease:
        if (!same_gil) break;
        if (gil_request >= 0 && r.thread != who) {
          wait_story.push_back(fmt::format(
              "{}  {} released the GIL{}", when(r.time), name(r.thread),
              r.drop_reason() == DropReason::kForced ? " at a check site"
              : r.drop_reason() == DropReason::kExit ? " (it finished)"
                                                     : " before a blocking call"));
        }
        if (holder == r.thread) holder = kNoThread;
        break;
      case RecordKind::kGilRequest:
        if (r.thread == who) {
          gil_request = r.time;
          wait_story.clear();
        }
        break;
      case RecordKind::kGilTimeout:
        if (r.thread == who) {
          wait_story.push_back(
              fmt::format("{}  {}'s wait timed out (one switch interval without the GIL)",
                          when(r.time), thread));
        }
        break;
      case RecordKind::kDropRequest:
        if (gil_request >= 0 && same_gil) {
          wait_story.push_back(fmt::format("{}  {} asked {} to drop the GIL (drop request)",
                                           when(r.time), name(r.requester()),
                                           name(r.thread)));
        }
        break;
      case RecordKind::kFailedAcquire:
        if (r.thread == who) {
          wait_story.push_back(fmt::format(
              "{}  {} was woken, but the GIL was taken again before it ran (failed acquisition)",
              when(r.time), thread));
        }
        break;
      default:
        break;
    }
    if (r.thread != who) continue;
    switch (r.kind) {
      case RecordKind::kThreadStart:
      case RecordKind::kRunnable:
      case RecordKind::kRunning:
      case RecordKind::kBlocked:
      case RecordKind::kThreadExit:
        state = State{r.kind,
                      r.is(RecordKind::kBlocked)   ? static_cast<int>(r.block_reason())
                      : r.is(RecordKind::kRunning) ? r.core()
                                                   : 0,
                      r.time};
        break;
      default:
        break;
    }
  }

  const std::string now_text = format_duration(at);
  switch (state.kind) {
    case RecordKind::kSimEnd:
      lines.push_back(fmt::format("at {}, {} had not started yet", now_text, thread));
      return lines;
    case RecordKind::kThreadExit:
      lines.push_back(fmt::format("at {}, {} had finished (at {})", now_text, thread,
                                  format_duration(state.since)));
      return lines;
    case RecordKind::kRunning:
      lines.push_back(fmt::format(
          "at {}, {} was running (since {}){}", now_text, thread, format_duration(state.since),
          holder == who ? fmt::format(", holding the GIL since {}", format_duration(holder_since))
                        : ""));
      return lines;
    case RecordKind::kRunnable:
    case RecordKind::kThreadStart: {
      std::vector<std::string> view;
      std::optional<std::size_t> own_core;
      for (std::size_t c = 0; c < cores.size(); ++c) {
        const CoreView& core = cores[c];
        if (core.thread == who) own_core = c;
        view.push_back(core.thread == kNoThread ? fmt::format("core {} idle", c)
                       : core.running ? fmt::format("core {} runs {}", c, name(core.thread))
                                      : fmt::format("core {} switching to {}", c,
                                                    name(core.thread)));
      }
      lines.push_back(
          own_core ? fmt::format("at {}, {} was runnable since {}: core {} was switching to it "
                                 "(a wake-up or a context switch takes time) ({})",
                                 now_text, thread, format_duration(state.since), *own_core,
                                 fmt::join(view, ", "))
                   : fmt::format("at {}, {} was runnable since {}, waiting for a core ({})",
                                 now_text, thread, format_duration(state.since),
                                 fmt::join(view, ", ")));
      return lines;
    }
    default:
      break;
  }
  switch (static_cast<BlockReason>(state.arg)) {
    case BlockReason::kIo:
    case BlockReason::kSleep:
      lines.push_back(fmt::format(
          "at {}, {} was in a blocking call ({}) since {}; it does not "
          "need the GIL there",
          now_text, thread, state.arg == static_cast<int>(BlockReason::kIo) ? "I/O" : "sleep",
          format_duration(state.since)));
      return lines;
    case BlockReason::kHandoff:
      lines.push_back(fmt::format(
          "at {}, {} had dropped the GIL at a check site at {} and waited until another thread "
          "took it (FORCE_SWITCHING)",
          now_text, thread, format_duration(state.since)));
      return lines;
    case BlockReason::kGilWait:
      break;
  }
  lines.push_back(fmt::format("at {}, {} was waiting for the GIL, since {}", now_text, thread,
                              format_duration(gil_request >= 0 ? gil_request : state.since)));
  if (holder != kNoThread) {
    lines.push_back(fmt::format("the GIL was held by {} since {}", name(holder),
                                format_duration(holder_since)));
  } else {
    lines.push_back("the GIL was free at that instant: a woken thread was on its way to take it");
  }
  if (!wait_story.empty()) lines.push_back("what happened meanwhile:");
  for (std::string& s : wait_story) lines.push_back(std::move(s));
  const ProcessInfo& p = info.processes[static_cast<std::size_t>(process)];
  if (p.timed_wait) {
    lines.push_back(fmt::format(
        "its current timed wait began at {} and ends at {} (one switch interval): if no other "
        "thread has taken the GIL by then, it asks {} to drop it",
        format_duration(state.since), format_duration(state.since + p.switch_interval),
        holder != kNoThread ? name(holder) : std::string("the holder")));
  }
  return lines;
}

}  // namespace gilsim
