#include "gilsim/model/shared_memory.hpp"

#include <catch2/catch.hpp>

using namespace gilsim;

namespace {
int count(const VectorSink& sink, RecordKind kind) {
  int n = 0;
  for (const TraceRecord& r : sink.records) n += r.kind == kind;
  return n;
}
const TraceRecord& find(const VectorSink& sink, RecordKind kind) {
  for (const TraceRecord& r : sink.records) {
    if (r.kind == kind) return r;
  }
  FAIL("no record of that kind");
  return sink.records.front();
}
}  // namespace

TEST_CASE("shared memory: an update written between another's read and write is lost", "[model]") {
  VectorSink sink;
  SharedMemory mem({{"x", false, 0, false, false, 0}}, 2, sink);
  mem.read(10, 0, 0);                       // thread 0 reads 0
  mem.read(20, 1, 0);                       // thread 1 reads 0
  mem.write(30, 1, 0, Update::kIncrement);  // x = 1
  mem.write(40, 0, 0, Update::kIncrement);  // x = 1 again: thread 1's update is lost
  mem.report_final(50);
  CHECK(count(sink, RecordKind::kLostUpdate) == 1);
  const TraceRecord& lost = find(sink, RecordKind::kLostUpdate);
  CHECK(lost.thread == 0);
  CHECK(lost.time == 40);
  CHECK(lost.amount == 10);  // when thread 0 read
  const TraceRecord& of = find(sink, RecordKind::kLostUpdateOf);
  CHECK(of.thread == 1);
  CHECK(of.amount == 1);
  CHECK(find(sink, RecordKind::kSharedExpected).amount == 2);
  CHECK(find(sink, RecordKind::kSharedFinal).amount == 1);
}

TEST_CASE("shared memory: updates in turn lose nothing", "[model]") {
  VectorSink sink;
  SharedMemory mem({{"x", false, 5, false, false, 0}}, 2, sink);
  for (int i = 0; i < 3; ++i) {
    mem.read(i * 10, 0, 0);
    mem.write(i * 10 + 1, 0, 0, Update::kIncrement);
    mem.atomic_update(i * 10 + 2, 1, 0, Update::kIncrement);
  }
  mem.report_final(100);
  CHECK(count(sink, RecordKind::kLostUpdate) == 0);
  CHECK(find(sink, RecordKind::kSharedFinal).amount == 11);
}

TEST_CASE("shared memory: a lost increment frees an object that is still referenced", "[model]") {
  VectorSink sink;
  SharedMemory mem({{"obj", true, 1, false, false, 0}}, 2, sink);
  mem.read(10, 0, 0);                               // thread 0 increfs: reads 1
  mem.read(11, 1, 0);                               // thread 1 increfs too: reads 1
  mem.write(12, 0, 0, Update::kIncrement);          // 2
  mem.write(13, 1, 0, Update::kIncrement);          // 2: thread 0's incref is lost
  mem.atomic_update(20, 0, 0, Update::kDecrement);  // 1
  mem.atomic_update(21, 1, 0, Update::kDecrement);  // 0: freed, but a reference is held
  mem.read(30, 0, 0);                               // and then used
  const TraceRecord& freed = find(sink, RecordKind::kPrematureFree);
  CHECK(freed.time == 21);
  CHECK(freed.thread == 1);
  CHECK(freed.amount == 1);  // the creator's reference is still held
  CHECK(count(sink, RecordKind::kUseAfterFree) == 1);
}

TEST_CASE("shared memory: a lost decrement leaks", "[model]") {
  VectorSink sink;
  SharedMemory mem({{"obj", true, 3, false, false, 0}}, 2, sink);
  mem.read(10, 0, 0);
  mem.read(11, 1, 0);
  mem.write(12, 0, 0, Update::kDecrement);  // 2
  mem.write(13, 1, 0, Update::kDecrement);  // 2: one decrement lost
  mem.report_final(20);
  CHECK(find(sink, RecordKind::kSharedExpected).amount == 1);
  CHECK(find(sink, RecordKind::kSharedFinal).amount == 2);
  CHECK(count(sink, RecordKind::kPrematureFree) == 0);
}

TEST_CASE("shared memory: biased counts merge when the owner's local count reaches zero",
          "[model]") {
  VectorSink sink;
  SharedSpec obj{"obj", true, 1, false, false, 0, true};  // owned by thread 0
  SharedMemory mem({obj}, 2, sink);
  mem.atomic_update(10, 1, 0, Update::kIncrement);  // reader: shared 1
  mem.atomic_update(20, 0, 0, Update::kDecrement);  // owner: local 0 -> merged, still alive
  CHECK(count(sink, RecordKind::kObjectFreed) == 0);
  mem.atomic_update(30, 1, 0, Update::kDecrement);  // merged shared 0: freed by the reader
  const TraceRecord& freed = find(sink, RecordKind::kObjectFreed);
  CHECK(freed.time == 30);
  CHECK(freed.thread == 1);
  CHECK(count(sink, RecordKind::kPrematureFree) == 0);
}

TEST_CASE("shared memory: a negative shared count queues the object to its owner", "[model]") {
  VectorSink sink;
  SharedSpec obj{"obj", true, 1, false, false, 0, true};
  SharedMemory mem({obj}, 2, sink);
  mem.atomic_update(10, 0, 0, Update::kIncrement);  // owner hands out a reference: local 2
  mem.atomic_update(20, 1, 0, Update::kDecrement);  // the reader drops it: shared -1, queued
  CHECK(find(sink, RecordKind::kRefcountQueued).amount == -1);
  mem.atomic_update(30, 0, 0, Update::kDecrement);  // the owner merges (1), then drops: freed
  CHECK(find(sink, RecordKind::kRefcountMerged).amount == 1);
  CHECK(find(sink, RecordKind::kObjectFreed).time == 30);
  mem.report_final(40);
  CHECK(find(sink, RecordKind::kSharedFinal).amount == 0);
  CHECK(find(sink, RecordKind::kSharedExpected).amount == 0);
}

TEST_CASE("shared memory: an exiting owner merges what was queued to it", "[model]") {
  VectorSink sink;
  SharedSpec obj{"obj", true, 1, false, false, 0, true};
  SharedMemory mem({obj}, 2, sink);
  mem.atomic_update(10, 1, 0, Update::kDecrement);  // the reader drops the creator's ref: queued
  mem.on_thread_exit(50, 0);                         // the owner ends: merge, 1 - 1 = 0, freed
  CHECK(find(sink, RecordKind::kObjectFreed).time == 50);
}
