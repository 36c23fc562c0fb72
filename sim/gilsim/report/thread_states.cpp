#include "gilsim/report/thread_states.hpp"

namespace gilsim {

// Written for these record kinds: a new kind stops the build here until
// ThreadStates::feed handles it (or says why it need not).
static_assert(kRecordKindCount == 30, "a new RecordKind: handle it in ThreadStates::feed");

std::string_view state_name(ThreadState s) {
  switch (s) {
    case ThreadState::kRunnable:
      return "runnable";
    case ThreadState::kRunningWithGil:
      return "running with GIL";
    case ThreadState::kRunningWithoutGil:
      return "running without GIL";
    case ThreadState::kRunning:
      return "running";
    case ThreadState::kWaitingForGil:
      return "waiting for GIL";
    case ThreadState::kInIo:
      return "in I/O";
    case ThreadState::kSleeping:
      return "sleeping";
    case ThreadState::kHandoff:
      return "waiting for handoff";
  }
  return "?";
}

ThreadStates::ThreadStates(const RunInfo& info) : info_(info), tracks_(info.threads.size()) {}

void ThreadStates::close(ThreadId t, Tick now, std::vector<StateSpan>& out) {
  Track& tr = tracks_[t];
  if (tr.open && now > tr.since) out.push_back(StateSpan{t, tr.state, tr.since, now});
  tr.open = false;
}

void ThreadStates::open(ThreadId t, ThreadState s, Tick now, std::vector<StateSpan>& out) {
  close(t, now, out);
  Track& tr = tracks_[t];
  tr.open = true;
  tr.state = s;
  tr.since = now;
  tr.started = true;
}

ThreadNow ThreadStates::now(ThreadId t) const {
  const Track& tr = tracks_[t];
  if (tr.finished_at >= 0) return ThreadNow{ThreadNow::Phase::kFinished, tr.state, tr.finished_at, 0};
  if (!tr.started) return ThreadNow{};
  return ThreadNow{ThreadNow::Phase::kActive, tr.state, tr.since, tr.on_core_since};
}

void ThreadStates::running(ThreadId t, Tick now, std::vector<StateSpan>& out) {
  const bool has_gil = info_.processes[static_cast<std::size_t>(info_.threads[t].process)].has_gil;
  open(t,
       !has_gil               ? ThreadState::kRunning
       : tracks_[t].holds_gil ? ThreadState::kRunningWithGil
                              : ThreadState::kRunningWithoutGil,
       now, out);
}

void ThreadStates::feed(const TraceRecord& r, std::vector<StateSpan>& out) {
  if (r.kind == RecordKind::kSimEnd) {
    for (ThreadId t = 0; t < tracks_.size(); ++t) close(t, r.time, out);
    return;
  }
  if (r.thread >= tracks_.size()) return;  // shared-memory totals
  const ThreadId t = r.thread;
  switch (r.kind) {
    case RecordKind::kThreadStart:
    case RecordKind::kRunnable:
      open(t, ThreadState::kRunnable, r.time, out);
      break;
    case RecordKind::kRunning:
      tracks_[t].on_core = true;
      tracks_[t].on_core_since = r.time;
      running(t, r.time, out);
      break;
    case RecordKind::kOffCore:
      tracks_[t].on_core = false;
      close(t, r.time, out);
      break;
    case RecordKind::kBlocked:
      switch (r.block_reason()) {
        case BlockReason::kIo:
          open(t, ThreadState::kInIo, r.time, out);
          break;
        case BlockReason::kSleep:
          open(t, ThreadState::kSleeping, r.time, out);
          break;
        case BlockReason::kGilWait:
          open(t, ThreadState::kWaitingForGil, r.time, out);
          break;
        case BlockReason::kHandoff:
          open(t, ThreadState::kHandoff, r.time, out);
          break;
      }
      break;
    case RecordKind::kGilAcquire:
    case RecordKind::kGilRelease:
      tracks_[t].holds_gil = r.kind == RecordKind::kGilAcquire;
      if (tracks_[t].on_core) running(t, r.time, out);
      break;
    case RecordKind::kThreadExit:
      close(t, r.time, out);
      tracks_[t].finished_at = r.time;
      break;
    default:
      break;
  }
}

}  // namespace gilsim
