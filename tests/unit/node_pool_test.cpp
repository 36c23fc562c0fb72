#include "gilsim/core/node_pool.hpp"

#include <catch2/catch.hpp>

using namespace gilsim;

TEST_CASE("node pool: a set's erased nodes are reused for its next inserts", "[core]") {
  NodePool pool;
  PooledSet<int> set{PoolAllocator<int>(&pool)};
  set.insert(1);
  const int* first = &*set.find(1);
  set.erase(1);
  set.insert(2);  // the freed node again
  CHECK(&*set.find(2) == first);
  for (int i = 0; i < 100; ++i) set.insert(i);
  for (int i = 0; i < 100; i += 2) set.erase(i);
  CHECK(set.size() == 50);
  CHECK(*set.begin() == 1);
  CHECK(*set.rbegin() == 99);
}
