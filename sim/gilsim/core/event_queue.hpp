#pragma once
// The future event set: a binary min-heap ordered by (time, sequence number).
// The sequence number is assigned at insertion and increases monotonically, so
// events at the same instant pop in the order they were scheduled. Nothing is
// ever ordered by address or hash.

#include <cstdint>
#include <vector>

#include "gilsim/core/time.hpp"

namespace gilsim {

template <class Payload>
class EventQueue {
 public:
  struct Entry {
    Tick time;
    std::uint64_t seq;
    Payload payload;
  };

  /// Schedules `payload` at `time`; returns its sequence number.
  std::uint64_t push(Tick time, Payload payload) {
    const std::uint64_t seq = reserve();
    push_reserved(time, seq, payload);
    return seq;
  }

  /// Takes the next sequence number for an event pushed later: it will pop
  /// among events at its time as if it had been pushed now.
  std::uint64_t reserve() { return next_seq_++; }
  /// Schedules `payload` at `time` with a number from reserve(), used once.
  void push_reserved(Tick time, std::uint64_t seq, Payload payload) {
    const Entry e{time, seq, payload};
    heap_.push_back(e);
    sift_up(heap_.size() - 1, e);
  }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }

  /// The earliest entry. REQUIRES: !empty().
  const Entry& top() const { return heap_.front(); }

  /// Removes and returns the earliest entry. REQUIRES: !empty().
  Entry pop() {
    Entry out = heap_.front();
    const Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0, last);
    return out;
  }

 private:
  static bool before(const Entry& a, const Entry& b) {
    return a.time != b.time ? a.time < b.time : a.seq < b.seq;
  }
  // Both move a hole to where `e` belongs and write `e` once, there: `e` is
  // never stored and read straight back (which stalls on store forwarding).
  void sift_up(std::size_t i, const Entry& e) {
    while (i > 0) {
      std::size_t parent = (i - 1) / 2;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  void sift_down(std::size_t i, const Entry& e) {
    const std::size_t n = heap_.size();
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], e)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = e;
  }

  std::vector<Entry> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace gilsim
