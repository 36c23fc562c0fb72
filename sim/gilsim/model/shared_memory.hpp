#pragma once
// Shared variables and reference-counted objects, and what happens when
// threads read-modify-write them (GIL_MODEL.md section 5).
//
// Notes about the model:
// - An update (`counter += 1`, Py_INCREF, Py_DECREF) is a read, then a write of
//   the value read plus or minus one. If another thread wrote in between, its
//   update is lost: the stale write overwrites it.
// - The simulator decides when reads and writes happen (at positions in the
//   thread's work, merged across running threads in time order); this class
//   keeps the values and reports every race as trace records.
// - A variable's expected value is its initial value plus every update made;
//   an object's expected count is its initial count plus increfs minus decrefs.
//   Below expected at the end: lost updates (variables) or lost increments;
//   above: lost decrements, a leak. An object whose count reaches zero while
//   references are still held is freed prematurely: a use-after-free.
// - Biased counting (PEP 703; Include/object.h, Python/brc.c): the owner updates
//   its local count without atomics, other threads a shared count atomically.
//   When the owner's local count reaches zero (_Py_MergeZeroLocalRefcount) the
//   object is freed if the shared count is zero too, else it becomes merged and
//   unowned. When another thread's decref takes the shared count below zero,
//   the object is queued to its owner (_Py_brc_queue_object), which merges the
//   two (_Py_ExplicitMergeRefcount) and frees it if the sum is zero. CPython
//   merges at the owner's next eval-breaker check; the model merges when the
//   owner next updates the object or exits.

#include <cstdint>
#include <string>
#include <vector>

#include "gilsim/core/time.hpp"
#include "gilsim/core/trace.hpp"

namespace gilsim {

struct SharedSpec {
  std::string name;
  bool is_object = false;    ///< false: a variable updated by `x += 1`; true: an object's refcount
  std::int64_t initial = 0;  ///< a variable's value; an object's reference count
  bool atomic = false;       ///< variable: its updates are atomic (an atomic counter)
  bool immortal = false;     ///< object: PEP 683, the count is never written
  ThreadId owner = 0;        ///< object: the thread that created it (biased refcounting)
  /// Derived, not written in scenarios: the owner's interpreter counts this
  /// object's references the biased way (PEP 703).
  bool biased = false;
};

/// +1 or -1.
enum class Update : std::int8_t { kDecrement = -1, kIncrement = 1 };

class SharedMemory {
 public:
  SharedMemory(std::vector<SharedSpec> specs, std::size_t thread_count, TraceSink& sink);

  /// `t` reads `item` for an update it will write later.
  void read(Tick now, ThreadId t, int item);
  /// `t` writes the value it read, updated. REQUIRES: t read `item` last.
  void write(Tick now, ThreadId t, int item, Update u);
  /// A read and a write with nothing in between (an atomic operation).
  void atomic_update(Tick now, ThreadId t, int item, Update u);

  /// Thread `t` ends: it merges the objects queued to it (biased counting).
  void on_thread_exit(Tick now, ThreadId t);

  /// Emits kSharedFinal and kSharedExpected for every item.
  void report_final(Tick now);

  const SharedSpec& spec(int item) const { return specs_[static_cast<std::size_t>(item)]; }
  std::size_t size() const { return specs_.size(); }

 private:
  struct State {
    std::int64_t value = 0;
    std::int64_t expected = 0;  ///< what the value would be without lost updates
    std::uint64_t writes = 0;   ///< a version number
    ThreadId last_writer = kNoThread;
    bool freed = false;
    // Biased counting (PEP 703): value = local + shared.
    std::int64_t local = 0;   ///< ob_ref_local, the owner's
    std::int64_t shared = 0;  ///< ob_ref_shared, everyone else's
    bool merged = false;      ///< the counts are merged into `shared`; nobody owns it
    bool queued = false;      ///< queued to the owner for a merge
  };
  struct Pending {
    int item = -1;
    std::int64_t value = 0;
    std::uint64_t writes = 0;
    Tick time = 0;
  };
  void apply(Tick now, ThreadId t, int item, std::int64_t new_value, Update u);
  void biased_update(Tick now, ThreadId t, int item, Update u);
  void merge(Tick now, int item);
  void free_object(Tick now, ThreadId t, int item);
  void record(Tick now, RecordKind kind, ThreadId t, int item, std::int64_t amount);

  std::vector<SharedSpec> specs_;
  std::vector<State> state_;
  std::vector<Pending> pending_;  ///< per thread: its read awaiting the write
  /// per object and thread: references taken minus released (who holds the object)
  std::vector<std::vector<std::int64_t>> held_;
  TraceSink& sink_;
};

}  // namespace gilsim
