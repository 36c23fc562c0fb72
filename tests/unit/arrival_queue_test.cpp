#include "gilsim/policy/arrival_queue.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace gilsim;

namespace {
std::vector<ThreadId> oldest_first(const ArrivalQueue& q) {
  std::vector<ThreadId> out;
  for (ThreadId t = q.front(); t != kNoThread; t = q.next(t)) out.push_back(t);
  return out;
}
std::vector<ThreadId> newest_first(const ArrivalQueue& q) {
  std::vector<ThreadId> out;
  for (ThreadId t = q.back(); t != kNoThread; t = q.prev(t)) out.push_back(t);
  return out;
}
}  // namespace

TEST_CASE("arrival queue: waiters leave from anywhere and the rest keep their order", "[policy]") {
  ArrivalQueue q(6);
  for (ThreadId t : {4, 1, 5, 0}) q.push_back(t);
  CHECK(q.size() == 4);
  CHECK(oldest_first(q) == std::vector<ThreadId>{4, 1, 5, 0});
  CHECK(q.nth(2) == 5);

  CHECK(q.erase(1));   // the middle
  CHECK_FALSE(q.erase(1));
  CHECK_FALSE(q.erase(2));  // never came
  CHECK(q.erase(4));   // the oldest
  CHECK(oldest_first(q) == std::vector<ThreadId>{5, 0});
  CHECK(newest_first(q) == std::vector<ThreadId>{0, 5});

  q.push_back(1);  // comes back: now the newest
  CHECK(q.erase(0));  // the one before it
  CHECK(oldest_first(q) == std::vector<ThreadId>{5, 1});
  CHECK(q.contains(1));
  CHECK_FALSE(q.contains(0));

  CHECK(q.erase(5));
  CHECK(q.erase(1));  // the last one
  CHECK(q.empty());
  CHECK(q.front() == kNoThread);
  CHECK(q.back() == kNoThread);
}
