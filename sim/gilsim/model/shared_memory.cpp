#include "gilsim/model/shared_memory.hpp"

#include "gilsim/core/assert.hpp"

namespace gilsim {

SharedMemory::SharedMemory(std::vector<SharedSpec> specs, std::size_t thread_count, TraceSink& sink)
    : specs_(std::move(specs)), state_(specs_.size()), pending_(thread_count), sink_(sink) {
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    state_[i].value = specs_[i].initial;
    state_[i].expected = specs_[i].initial;
  }
}

void SharedMemory::record(Tick now, RecordKind kind, ThreadId t, int item, std::int64_t amount) {
  sink_.on_record(TraceRecord{now, amount, t, item, kind});
}

void SharedMemory::read(Tick now, ThreadId t, int item) {
  State& s = state_[static_cast<std::size_t>(item)];
  if (s.freed) record(now, RecordKind::kUseAfterFree, t, item, 0);
  pending_[t] = Pending{item, s.value, s.writes, now};
}

void SharedMemory::write(Tick now, ThreadId t, int item, Update u) {
  Pending& p = pending_[t];
  GILSIM_ASSERT(p.item == item, "write without its read");
  State& s = state_[static_cast<std::size_t>(item)];
  if (s.writes != p.writes) {
    // A stale write: the value moves from `value` to `read + u` instead of
    // `value + u`, so it falls short by value - read: the updates it erases
    // (negative if it restores ones an earlier stale write had erased). The sum
    // over all writes is exactly expected - final.
    record(now, RecordKind::kLostUpdate, t, item, p.time);
    record(now, RecordKind::kLostUpdateOf, s.last_writer, item, s.value - p.value);
  }
  p.item = -1;
  apply(now, t, item, p.value + static_cast<std::int64_t>(u), u);
}

void SharedMemory::atomic_update(Tick now, ThreadId t, int item, Update u) {
  State& s = state_[static_cast<std::size_t>(item)];
  if (s.freed) record(now, RecordKind::kUseAfterFree, t, item, 0);
  apply(now, t, item, s.value + static_cast<std::int64_t>(u), u);
}

void SharedMemory::apply(Tick now, ThreadId t, int item, std::int64_t new_value, Update u) {
  State& s = state_[static_cast<std::size_t>(item)];
  s.value = new_value;
  s.expected += static_cast<std::int64_t>(u);
  ++s.writes;
  s.last_writer = t;
  if (specs_[static_cast<std::size_t>(item)].is_object && s.value <= 0 && !s.freed) {
    s.freed = true;  // _Py_Dealloc
    // References still held (the expected count) make it a premature free.
    record(now, s.expected > 0 ? RecordKind::kPrematureFree : RecordKind::kObjectFreed, t, item,
           s.expected);
  }
}

void SharedMemory::report_final(Tick now) {
  for (std::size_t i = 0; i < state_.size(); ++i) {
    const int item = static_cast<int>(i);
    record(now, RecordKind::kSharedExpected, kNoThread, item, state_[i].expected);
    record(now, RecordKind::kSharedFinal, kNoThread, item, state_[i].value);
  }
}

}  // namespace gilsim
