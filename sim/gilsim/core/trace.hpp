#pragma once
// Trace records: everything the model does that a report, a picture or an
// explanation may need. The engine never formats text; it pushes records to
// sinks, and every reporter is a sink or a reader of records.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "gilsim/core/time.hpp"

namespace gilsim {

/// What a record says. `thread` is always the thread concerned; `arg` and
/// `amount` are described per kind.
enum class RecordKind : std::uint8_t {
  kThreadStart,   ///< the thread exists and wants to run
  kRunnable,      ///< waiting for a core (woken, or preempted by the OS)
  kDispatch,      ///< arg = core: a core starts switching to this thread
  kRunning,       ///< arg = core: the thread executes from now on (after the switch or wake-up)
  kOffCore,       ///< arg = core: the thread left its core
  kBlocked,       ///< arg = BlockReason: the thread sleeps off-core
  kWork,          ///< arg = WorkKind, amount = ns of work done since the last kWork
  kInstructions,  ///< amount = Python instructions completed since the last kInstructions
  kGilRequest,    ///< take_gil begins
  kGilAcquire,    ///< the thread now holds its interpreter's GIL
  kGilRelease,    ///< arg = DropReason: the thread released the GIL
  kDropRequest,   ///< the eval-breaker drop request was set on `thread`; amount = requesting thread
  kFailedAcquire,   ///< woken by a release, but the GIL was taken again (gilvis "false alarm")
  kGilTimeout,      ///< a timed wait for the GIL expired
  kIoComplete,      ///< arg = BlockReason, amount = ns blocked: a blocking call returned
  kLoopIteration,   ///< arg = loop id, amount = iteration duration in ns
  kContextSwitch,   ///< arg = core: the core changed from one thread to another
  kSilentChecks,    ///< amount = old-GIL periodic checks the holder passed with nobody to wake
  kLostUpdate,      ///< `thread` wrote a stale value to shared item `arg`; amount = when it read
  kLostUpdateOf,    ///< follows kLostUpdate: `thread` wrote last before; amount = updates erased
                    ///< (signed)
  kObjectFreed,     ///< object `arg`'s count reached zero with no reference held (a normal free)
  kPrematureFree,   ///< object `arg`'s count reached zero; amount = references still held
  kStillHeldBy,    ///< follows kPrematureFree: `thread` still held `amount` references
  kUseAfterFree,    ///< `thread` touched object `arg` after it was freed
  kRefcountQueued, ///< biased counting: object `arg` queued to its owner; amount = shared count
  kRefcountMerged, ///< biased counting: the owner merged object `arg`'s counts; amount = the sum
  kSharedExpected,  ///< at the end: item `arg`'s expected value (no lost updates)
  kSharedFinal,     ///< at the end: item `arg`'s final value
  kThreadExit,      ///< the thread finished its program
  kSimEnd,          ///< the run ended at `time`; thread = kNoThread
};

/// Why a thread is blocked (arg of kBlocked and kIoComplete).
enum class BlockReason : std::int32_t { kIo, kSleep, kGilWait, kHandoff };

/// What kind of work a kWork record accounts.
enum class WorkKind : std::int32_t {
  kPython,
  kNativeHoldingGil,
  kNativeWithoutGil,
  kLockOverhead,  ///< lock and signal system calls around a GIL release
};

/// Why the GIL was released (arg of kGilRelease).
enum class DropReason : std::int32_t {
  kForced,    ///< at a check site, because of a drop request (or the old GIL's periodic check)
  kBlocking,  ///< around a blocking call (Py_BEGIN_ALLOW_THREADS before I/O or sleep)
  kNative,    ///< around native code that releases the GIL
  kExit,      ///< the thread finished (final release: no handoff wait)
};

/// Threads are numbered 0..n-1 in scenario order (after `count` replication).
using ThreadId = std::uint32_t;
inline constexpr ThreadId kNoThread = UINT32_MAX;

/// One fact from a run. 32 bytes; sinks receive them in time order.
struct TraceRecord {
  Tick time = 0;
  std::int64_t amount = 0;
  std::uint32_t thread = kNoThread;
  std::int32_t arg = 0;
  RecordKind kind = RecordKind::kSimEnd;
};

/// A consumer of records: metrics, exporters, explainers.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void on_record(const TraceRecord& record) = 0;
};

/// Keeps every record, for tests and for readers that need the whole trace, up to
/// `max_records`: past it, it keeps nothing more and says so (memory stays bounded
/// whatever the input).
class VectorSink final : public TraceSink {
 public:
  explicit VectorSink(std::size_t max_records = SIZE_MAX) : max_records_(max_records) {}
  void on_record(const TraceRecord& record) override {
    if (records.size() < max_records_) {
      records.push_back(record);
    } else {
      overflowed_ = true;
    }
  }
  /// True when a record was dropped: `records` is not the whole trace.
  bool overflowed() const { return overflowed_; }
  std::vector<TraceRecord> records;

 private:
  std::size_t max_records_;
  bool overflowed_ = false;
};

/// Forwards each record to several sinks, in the order they were added.
class FanoutSink final : public TraceSink {
 public:
  void add(TraceSink& sink) { sinks_.push_back(&sink); }
  void on_record(const TraceRecord& record) override {
    for (TraceSink* s : sinks_) s->on_record(record);
  }

 private:
  std::vector<TraceSink*> sinks_;
};

}  // namespace gilsim
