#include "gilsim/report/chrome_trace.hpp"

#include <fmt/format.h>

#include "gilsim/report/escape.hpp"
#include "gilsim/report/json_writer.hpp"

namespace gilsim {

// Written for these record kinds: a new kind stops the build here until
// the Chrome trace writer handles it (or says why it need not).
static_assert(kRecordKindCount == 30, "a new RecordKind: handle it in the Chrome trace writer");
namespace {

constexpr int kThreadsPid = 1;
constexpr int kCoresPid = 2;
constexpr int kGilPidBase = 3;  // process p's GIL counters: pid kGilPidBase + p

/// Trace-event times are microseconds; ours are exact to the nanosecond.
std::string micros(Tick ns) { return fmt::format("{}.{:03}", ns / 1000, ns % 1000); }

std::string metadata(int pid, int tid, const char* what, const std::string& name) {
  return fmt::format(R"({{"ph": "M", "pid": {}, "tid": {}, "name": "{}", "args": {{"name": {}}}}})",
                     pid, tid, what, json_string(name));
}

}  // namespace

ChromeTraceSink::ChromeTraceSink(RunInfo info, std::ostream& out)
    : info_(std::move(info)),
      states_(info_),
      waiting_(info_.threads.size(), false),
      core_thread_(static_cast<std::size_t>(info_.cores), kNoThread),
      core_since_(static_cast<std::size_t>(info_.cores), 0),
      waiters_(info_.processes.size(), 0),
      out_(out) {
  out_ << "{\"traceEvents\": [\n";
  emit(metadata(kThreadsPid, 0, "process_name", "threads"));
  emit(metadata(kCoresPid, 0, "process_name", "cores"));
  for (std::size_t t = 0; t < info_.threads.size(); ++t) {
    emit(
        metadata(kThreadsPid, static_cast<int>(t) + 1, "thread_name", info_.threads[t].name));
  }
  for (int c = 0; c < info_.cores; ++c) {
    emit(metadata(kCoresPid, c + 1, "thread_name", fmt::format("core {}", c)));
  }
  for (std::size_t p = 0; p < info_.processes.size(); ++p) {
    emit(metadata(kGilPidBase + static_cast<int>(p), 0, "process_name",
                               fmt::format("GIL of {}", info_.processes[p].name)));
  }
}

void ChromeTraceSink::emit(const std::string& event) {
  out_ << (first_event_ ? "  " : ",\n  ") << event;
  first_event_ = false;
}

void ChromeTraceSink::emit_spans() {
  for (const StateSpan& span : spans_) {
    emit(fmt::format(
        R"({{"ph": "X", "pid": {}, "tid": {}, "name": "{}", "cat": "state", "ts": {}, "dur": {}}})",
        kThreadsPid, span.thread + 1, state_name(span.state), micros(span.from),
        micros(span.to - span.from)));
  }
  spans_.clear();
}

void ChromeTraceSink::counter(int process, const char* name, Tick now, std::int64_t value) {
  emit(
      fmt::format(R"({{"ph": "C", "pid": {}, "name": "{}", "ts": {}, "args": {{"{}": {}}}}})",
                  kGilPidBase + process, name, micros(now), name, value));
}

void ChromeTraceSink::on_record(const TraceRecord& r) {
  states_.feed(r, spans_);
  emit_spans();
  const Tick now = r.time;
  if (r.kind == RecordKind::kSimEnd) {
    for (std::size_t c = 0; c < core_thread_.size(); ++c) {
      if (core_thread_[c] == kNoThread) continue;
      emit(fmt::format(
          R"({{"ph": "X", "pid": {}, "tid": {}, "name": {}, "cat": "core", "ts": {}, "dur": {}}})",
          kCoresPid, c + 1, json_string(info_.threads[core_thread_[c]].name),
          micros(core_since_[c]), micros(now - core_since_[c])));
    }
    out_ << fmt::format(
        "\n], \"displayTimeUnit\": \"ns\", \"otherData\": {{\"scenario\": {}, \"seed\": {}}}}}\n",
        json_string(info_.scenario), info_.seed);
    return;
  }
  if (r.thread == kNoThread || r.thread >= info_.threads.size()) return;  // shared-memory totals
  const ThreadId t = r.thread;
  const int process = info_.threads[t].process;
  const auto p = static_cast<std::size_t>(process);
  switch (r.kind) {
    case RecordKind::kThreadStart:
    case RecordKind::kRunnable:
      if (waiting_[t]) {  // woken or timed out: no longer waiting
        waiting_[t] = false;
        counter(process, "waiters", now, --waiters_[p]);
      }
      break;
    case RecordKind::kDispatch: {
      const auto c = static_cast<std::size_t>(r.core());
      core_thread_[c] = t;
      core_since_[c] = now;
      break;
    }
    case RecordKind::kOffCore: {
      const auto c = static_cast<std::size_t>(r.core());
      if (core_thread_[c] == t) {
        emit(fmt::format(
            R"({{"ph": "X", "pid": {}, "tid": {}, "name": {}, "cat": "core", "ts": {}, "dur": {}}})",
            kCoresPid, r.core() + 1, json_string(info_.threads[t].name), micros(core_since_[c]),
            micros(now - core_since_[c])));
        core_thread_[c] = kNoThread;
      }
      break;
    }
    case RecordKind::kBlocked:
      if (r.block_reason() == BlockReason::kGilWait) {
        waiting_[t] = true;
        counter(process, "waiters", now, ++waiters_[p]);
      }
      break;
    case RecordKind::kGilAcquire:
      counter(process, "holder", now, t + 1);
      break;
    case RecordKind::kGilRelease:
      counter(process, "holder", now, 0);
      counter(process, "drop request", now, 0);
      break;
    case RecordKind::kDropRequest:
      counter(process, "drop request", now, 1);
      emit(fmt::format(
          R"({{"ph": "i", "pid": {}, "tid": {}, "name": "drop request", "s": "t", "ts": {}}})",
          kThreadsPid, t + 1, micros(now)));
      break;
    case RecordKind::kFailedAcquire:
      emit(fmt::format(
          R"({{"ph": "i", "pid": {}, "tid": {}, "name": "failed acquisition", "s": "t", "ts": {}}})",
          kThreadsPid, t + 1, micros(now)));
      break;
    default:
      break;
  }
}

}  // namespace gilsim
