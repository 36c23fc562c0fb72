#pragma once
// Chrome trace-event JSON (`gilsim run --trace out.json`), which the Perfetto UI
// and chrome://tracing open: a track per thread coloured by state, a track per
// core, counter tracks for each GIL (holder, waiters, drop request), and marks
// for failed acquisitions and drop requests. Format: the Trace Event Format's
// complete ("X"), instant ("i"), counter ("C") and metadata ("M") events.
//
// Events are written as the records arrive, so memory stays bounded by the
// number of threads however long the run (a 1000 s run writes hundreds of MB).

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "gilsim/core/run_info.hpp"
#include "gilsim/core/trace.hpp"
#include "gilsim/report/thread_states.hpp"

namespace gilsim {

class ChromeTraceSink final : public TraceSink {
 public:
  /// Writes the document to `out`: its head now, events as records arrive, its
  /// tail on kSimEnd. `out` must outlive the sink.
  ChromeTraceSink(RunInfo info, std::ostream& out);
  void on_record(const TraceRecord& r) override;

 private:
  void emit(const std::string& event);
  void counter(int process, const char* name, Tick now, std::int64_t value);
  void emit_spans();

  RunInfo info_;
  ThreadStates states_;
  std::vector<StateSpan> spans_;       ///< closed by the last record, not yet emitted
  std::vector<bool> waiting_;          ///< per thread: in a GIL wait (for the waiters counter)
  std::vector<ThreadId> core_thread_;  ///< per core: the thread dispatched there
  std::vector<Tick> core_since_;
  std::vector<std::int64_t> waiters_;  ///< per process: threads waiting for its GIL
  std::ostream& out_;
  bool first_event_ = true;
};

}  // namespace gilsim
