#pragma once
// Threads waiting on a lock, in the order they arrived: a doubly linked list
// threaded through per-thread links. Arriving, leaving from anywhere (a timed
// wait that expires) and taking the oldest cost O(1), with no allocation: a
// GIL's waiters come and go hundreds of thousands of times a simulated second,
// and an ordered set's node and rebalancing per wait showed in profiles
// (docs/performance.md).

#include <cstddef>
#include <vector>

#include "gilsim/core/assert.hpp"
#include "gilsim/core/trace.hpp"

namespace gilsim {

class ArrivalQueue {
 public:
  explicit ArrivalQueue(std::size_t thread_count) : links_(thread_count) {}

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  bool contains(ThreadId t) const { return links_[t].queued; }

  /// The oldest waiter, the newest, and the neighbours of a waiter in arrival
  /// order; kNoThread past either end.
  ThreadId front() const { return head_; }
  ThreadId back() const { return tail_; }
  ThreadId next(ThreadId t) const { return links_[t].next; }
  ThreadId prev(ThreadId t) const { return links_[t].prev; }
  /// The waiter with `k` older ones before it. REQUIRES: k < size(). O(k).
  ThreadId nth(std::size_t k) const {
    ThreadId t = head_;
    while (k-- > 0) t = links_[t].next;
    return t;
  }

  /// `t` arrives: it is the newest. REQUIRES: !contains(t).
  void push_back(ThreadId t) {
    GILSIM_ASSERT(!links_[t].queued, "thread {} is already waiting", t);
    links_[t] = Links{tail_, kNoThread, true};
    (tail_ == kNoThread ? head_ : links_[tail_].next) = t;
    tail_ = t;
    ++size_;
  }
  /// `t` leaves, wherever it is; false if it was not waiting.
  bool erase(ThreadId t) {
    Links& l = links_[t];
    if (!l.queued) return false;
    (l.prev == kNoThread ? head_ : links_[l.prev].next) = l.next;
    (l.next == kNoThread ? tail_ : links_[l.next].prev) = l.prev;
    l = Links{};
    --size_;
    return true;
  }

 private:
  struct Links {
    ThreadId prev = kNoThread;
    ThreadId next = kNoThread;
    bool queued = false;
  };
  std::vector<Links> links_;
  ThreadId head_ = kNoThread;
  ThreadId tail_ = kNoThread;
  std::size_t size_ = 0;
};

}  // namespace gilsim
