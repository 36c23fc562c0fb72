#include "gilsim/model/shared_memory.hpp"

#include "gilsim/core/assert.hpp"

namespace gilsim {

SharedMemory::SharedMemory(std::vector<SharedSpec> specs, std::size_t thread_count, TraceSink& sink)
    : specs_(std::move(specs)),
      state_(specs_.size()),
      pending_(thread_count),
      held_(specs_.size(), std::vector<std::int64_t>(thread_count, 0)),
      sink_(sink) {
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i].is_object && specs_[i].owner < thread_count) {
      held_[i][specs_[i].owner] = specs_[i].initial;  // the creator's references
    }
    state_[i].value = specs_[i].initial;
    state_[i].expected = specs_[i].initial;
    state_[i].local = specs_[i].initial;  // the creator's references are local
  }
}

void SharedMemory::record(Tick now, RecordKind kind, ThreadId t, int item, std::int64_t amount) {
  sink_.on_record(TraceRecord::shared(now, kind, t, item, amount));
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
  if (specs_[static_cast<std::size_t>(item)].biased && !s.freed) {
    biased_update(now, t, item, u);
    return;
  }
  apply(now, t, item, s.value + static_cast<std::int64_t>(u), u);
}

void SharedMemory::biased_update(Tick now, ThreadId t, int item, Update u) {
  State& s = state_[static_cast<std::size_t>(item)];
  const bool owner = !s.merged && t == specs_[static_cast<std::size_t>(item)].owner;
  if (owner && s.queued) merge(now, item);  // the owner sees the queued request first
  if (s.freed) return;
  s.expected += static_cast<std::int64_t>(u);
  held_[static_cast<std::size_t>(item)][t] += static_cast<std::int64_t>(u);
  ++s.writes;
  s.last_writer = t;
  if (!s.merged && t == specs_[static_cast<std::size_t>(item)].owner) {
    s.local += static_cast<std::int64_t>(u);
    if (s.local == 0) {  // _Py_MergeZeroLocalRefcount
      if (s.shared == 0) {
        free_object(now, t, item);
      } else {
        s.merged = true;
      }
    }
  } else {
    s.shared += static_cast<std::int64_t>(u);
    if (s.merged && s.shared == 0) {
      free_object(now, t, item);
    } else if (!s.merged && s.shared < 0 && !s.queued) {
      s.queued = true;  // _Py_brc_queue_object: the owner will merge
      record(now, RecordKind::kRefcountQueued, t, item, s.shared);
    }
  }
  s.value = s.local + s.shared;
}

void SharedMemory::merge(Tick now, int item) {
  State& s = state_[static_cast<std::size_t>(item)];
  s.queued = false;
  s.merged = true;
  s.shared += s.local;
  s.local = 0;
  s.value = s.shared;
  record(now, RecordKind::kRefcountMerged, specs_[static_cast<std::size_t>(item)].owner, item,
         s.shared);
  if (s.shared == 0) free_object(now, specs_[static_cast<std::size_t>(item)].owner, item);
}

void SharedMemory::free_object(Tick now, ThreadId t, int item) {
  State& s = state_[static_cast<std::size_t>(item)];
  s.freed = true;  // _Py_Dealloc
  if (s.expected <= 0) {
    record(now, RecordKind::kObjectFreed, t, item, 0);
    return;
  }
  record(now, RecordKind::kPrematureFree, t, item, s.expected);
  const std::vector<std::int64_t>& held = held_[static_cast<std::size_t>(item)];
  for (std::size_t h = 0; h < held.size(); ++h) {  // who still holds references
    if (held[h] > 0) record(now, RecordKind::kStillHeldBy, static_cast<ThreadId>(h), item, held[h]);
  }
}

void SharedMemory::on_thread_exit(Tick now, ThreadId t) {
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i].biased && specs_[i].owner == t && state_[i].queued && !state_[i].freed) {
      merge(now, static_cast<int>(i));
    }
  }
}

void SharedMemory::apply(Tick now, ThreadId t, int item, std::int64_t new_value, Update u) {
  State& s = state_[static_cast<std::size_t>(item)];
  s.value = new_value;
  s.expected += static_cast<std::int64_t>(u);
  held_[static_cast<std::size_t>(item)][t] += static_cast<std::int64_t>(u);
  ++s.writes;
  s.last_writer = t;
  // References still held (the expected count) make it a premature free.
  if (specs_[static_cast<std::size_t>(item)].is_object && s.value <= 0 && !s.freed) {
    free_object(now, t, item);
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
