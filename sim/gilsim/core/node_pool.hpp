#pragma once
// Recycled nodes for the ordered sets of a run (the OS run queue). A run
// inserts and erases hundreds of thousands of set nodes, and the
// general-purpose allocator's malloc and free per node were 8% of a profile
// (docs/performance.md); a free list of one node size costs a few
// instructions. (The GIL's waiters need no order but arrival's: they are in
// policy/arrival_queue.hpp, with no nodes at all.) Usage:
//
//   NodePool pool_;                          // declared before the set
//   PooledSet<Key> set_{PoolAllocator<Key>(&pool_)};
//
// The pool outlives the containers that use it (members are destroyed in
// reverse order) and is neither copied nor moved, so an owner that would copy
// or move its sets does not compile.

#include <cstddef>
#include <functional>
#include <new>
#include <set>
#include <utility>

namespace gilsim {

class NodePool {
 public:
  NodePool() = default;
  NodePool(const NodePool&) = delete;
  NodePool& operator=(const NodePool&) = delete;
  ~NodePool() {
    while (free_ != nullptr) ::operator delete(std::exchange(free_, free_->next));
  }

  /// Memory for one node of `bytes`: recycled if a node of that size is free.
  void* allocate(std::size_t bytes) {
    if (bytes == size_ && free_ != nullptr) return std::exchange(free_, free_->next);
    if (size_ == 0 && bytes >= sizeof(FreeNode)) size_ = bytes;  // the first request sets the size
    return ::operator new(bytes);
  }
  void deallocate(void* p, std::size_t bytes) {
    if (bytes != size_) {
      ::operator delete(p);
      return;
    }
    free_ = ::new (p) FreeNode{free_};
  }

 private:
  struct FreeNode {
    FreeNode* next;
  };
  std::size_t size_ = 0;
  FreeNode* free_ = nullptr;
};

/// A standard allocator drawing from a NodePool.
template <class T>
class PoolAllocator {
 public:
  using value_type = T;
  explicit PoolAllocator(NodePool* pool) : pool_(pool) {}
  template <class U>
  PoolAllocator(const PoolAllocator<U>& other) : pool_(other.pool()) {}  // NOLINT: rebinding

  T* allocate(std::size_t n) { return static_cast<T*>(pool_->allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) { pool_->deallocate(p, n * sizeof(T)); }
  NodePool* pool() const { return pool_; }

  friend bool operator==(const PoolAllocator& a, const PoolAllocator& b) { return a.pool_ == b.pool_; }
  friend bool operator!=(const PoolAllocator& a, const PoolAllocator& b) { return a.pool_ != b.pool_; }

 private:
  NodePool* pool_;
};

/// An ordered set whose nodes come from a NodePool.
template <class Key>
using PooledSet = std::set<Key, std::less<Key>, PoolAllocator<Key>>;

}  // namespace gilsim
