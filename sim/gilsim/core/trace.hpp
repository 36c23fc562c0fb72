#pragma once
// Trace records: everything the model does that a report, a picture or an
// explanation may need. The engine never formats text; it pushes records to
// sinks, and every reporter is a sink or a reader of records.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "gilsim/core/time.hpp"

namespace gilsim {

/// What a record says. `thread` is always the thread concerned; what else it
/// carries is described per kind, and read through TraceRecord's accessors.
/// A new kind must be handled by every reader: each declares the number of
/// kinds it was written for (static_assert on kRecordKindCount), so adding
/// one stops the build until every reader has been looked at.
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
  kSimEnd,          ///< the run ended at `time`; thread = kNoThread (always the last kind)
};
inline constexpr int kRecordKindCount = static_cast<int>(RecordKind::kSimEnd) + 1;

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

/// One fact from a run. 32 bytes; sinks receive them in time order. Made by
/// the named constructors, read by the accessors, which check that the
/// record is of a kind that carries what is asked.
struct TraceRecord {
  Tick time = 0;
  std::int64_t amount = 0;
  std::uint32_t thread = kNoThread;
  std::int32_t arg = 0;
  RecordKind kind = RecordKind::kSimEnd;

  // --- Named constructors, one per kind ---
  static TraceRecord thread_start(Tick now, ThreadId t, int process) {
    return {now, 0, t, process, RecordKind::kThreadStart};
  }
  static TraceRecord runnable(Tick now, ThreadId t) { return {now, 0, t, 0, RecordKind::kRunnable}; }
  static TraceRecord dispatch(Tick now, ThreadId t, int core) {
    return {now, 0, t, core, RecordKind::kDispatch};
  }
  static TraceRecord running(Tick now, ThreadId t, int core) {
    return {now, 0, t, core, RecordKind::kRunning};
  }
  static TraceRecord off_core(Tick now, ThreadId t, int core) {
    return {now, 0, t, core, RecordKind::kOffCore};
  }
  static TraceRecord blocked(Tick now, ThreadId t, BlockReason why) {
    return {now, 0, t, static_cast<std::int32_t>(why), RecordKind::kBlocked};
  }
  static TraceRecord work(Tick now, ThreadId t, WorkKind what, Tick ns) {
    return {now, ns, t, static_cast<std::int32_t>(what), RecordKind::kWork};
  }
  static TraceRecord instructions(Tick now, ThreadId t, std::int64_t n) {
    return {now, n, t, 0, RecordKind::kInstructions};
  }
  static TraceRecord gil_request(Tick now, ThreadId t, int process) {
    return {now, 0, t, process, RecordKind::kGilRequest};
  }
  static TraceRecord gil_acquire(Tick now, ThreadId t, int process) {
    return {now, 0, t, process, RecordKind::kGilAcquire};
  }
  static TraceRecord gil_release(Tick now, ThreadId t, DropReason why) {
    return {now, 0, t, static_cast<std::int32_t>(why), RecordKind::kGilRelease};
  }
  static TraceRecord drop_request(Tick now, ThreadId holder, ThreadId requester) {
    return {now, static_cast<std::int64_t>(requester), holder, 0, RecordKind::kDropRequest};
  }
  static TraceRecord failed_acquire(Tick now, ThreadId t) {
    return {now, 0, t, 0, RecordKind::kFailedAcquire};
  }
  static TraceRecord gil_timeout(Tick now, ThreadId t) { return {now, 0, t, 0, RecordKind::kGilTimeout}; }
  static TraceRecord io_complete(Tick now, ThreadId t, BlockReason why, Tick blocked_ns) {
    return {now, blocked_ns, t, static_cast<std::int32_t>(why), RecordKind::kIoComplete};
  }
  static TraceRecord loop_iteration(Tick now, ThreadId t, int loop, Tick duration) {
    return {now, duration, t, loop, RecordKind::kLoopIteration};
  }
  static TraceRecord context_switch(Tick now, ThreadId t, int core) {
    return {now, 0, t, core, RecordKind::kContextSwitch};
  }
  static TraceRecord silent_checks(Tick now, ThreadId t, std::int64_t n) {
    return {now, n, t, 0, RecordKind::kSilentChecks};
  }
  /// Shared-memory facts: `item` is the shared variable or object, `amount`
  /// what the kind says (RecordKind's comments).
  static TraceRecord shared(Tick now, RecordKind kind, ThreadId t, int item, std::int64_t amount) {
    return {now, amount, t, item, kind};
  }
  static TraceRecord thread_exit(Tick now, ThreadId t) { return {now, 0, t, 0, RecordKind::kThreadExit}; }
  static TraceRecord sim_end(Tick now) { return {now, 0, kNoThread, 0, RecordKind::kSimEnd}; }

  // --- Accessors ---
  /// kDispatch, kRunning, kOffCore, kContextSwitch.
  int core() const {
    check(is(RecordKind::kDispatch) || is(RecordKind::kRunning) || is(RecordKind::kOffCore) ||
          is(RecordKind::kContextSwitch));
    return arg;
  }
  /// kThreadStart, kGilRequest, kGilAcquire.
  int process() const {
    check(is(RecordKind::kThreadStart) || is(RecordKind::kGilRequest) || is(RecordKind::kGilAcquire));
    return arg;
  }
  /// kBlocked, kIoComplete.
  BlockReason block_reason() const {
    check(is(RecordKind::kBlocked) || is(RecordKind::kIoComplete));
    return static_cast<BlockReason>(arg);
  }
  /// kIoComplete: how long the call blocked.
  Tick blocked_ns() const { return checked(RecordKind::kIoComplete, amount); }
  WorkKind work_kind() const {
    check(is(RecordKind::kWork));
    return static_cast<WorkKind>(arg);
  }
  Tick work_ns() const { return checked(RecordKind::kWork, amount); }
  DropReason drop_reason() const {
    check(is(RecordKind::kGilRelease));
    return static_cast<DropReason>(arg);
  }
  /// kDropRequest: the thread that asked `thread` to drop the GIL.
  ThreadId requester() const {
    return static_cast<ThreadId>(checked(RecordKind::kDropRequest, amount));
  }
  int loop() const { return static_cast<int>(checked(RecordKind::kLoopIteration, arg)); }
  Tick iteration_ns() const { return checked(RecordKind::kLoopIteration, amount); }
  /// kInstructions, kSilentChecks.
  std::int64_t count() const {
    check(is(RecordKind::kInstructions) || is(RecordKind::kSilentChecks));
    return amount;
  }
  /// The shared item of a shared-memory record (kLostUpdate ... kSharedFinal).
  int item() const {
    check(is_shared());
    return arg;
  }

  /// What a shared-memory record counts (RecordKind's comments: when the stale
  /// value was read, updates erased, references held, a count or a value).
  std::int64_t shared_amount() const {
    check(is_shared());
    return amount;
  }

  bool is(RecordKind k) const { return kind == k; }
  /// A shared-memory record: kLostUpdate ... kSharedFinal.
  bool is_shared() const { return kind >= RecordKind::kLostUpdate && kind <= RecordKind::kSharedFinal; }

 private:
  /// A reader asked a record for what its kind does not carry: a bug.
  void check(bool carries) const {
    if (!carries) bad_access();
  }
  std::int64_t checked(RecordKind k, std::int64_t value) const {
    check(is(k));
    return value;
  }
  [[noreturn]] void bad_access() const;
};
static_assert(sizeof(TraceRecord) == 32, "records stay 32 bytes: a run keeps millions");

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
