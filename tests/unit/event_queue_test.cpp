#include "gilsim/core/event_queue.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "gilsim/core/engine.hpp"

using namespace gilsim;

TEST_CASE("event queue: same-time events pop in insertion order", "[core][determinism]") {
  EventQueue<int> q;
  for (int i = 0; i < 100; ++i) q.push(7, i);
  for (int i = 0; i < 100; ++i) REQUIRE(q.pop().payload == i);
  CHECK(q.empty());
}

TEST_CASE("event queue: events pop in time order", "[core]") {
  EventQueue<char> q;
  q.push(30, 'c');
  q.push(10, 'a');
  q.push(20, 'b');
  q.push(10, 'A');
  std::string order;
  while (!q.empty()) order += q.pop().payload;
  CHECK(order == "aAbc");
}

TEST_CASE("engine: runs handlers in order and stops on request", "[core]") {
  Engine<int> engine;
  std::vector<std::pair<Tick, int>> seen;
  engine.at(5, 1);
  engine.at(3, 2);
  engine.at(9, 3);
  const RunEnd end = engine.run(100, [&](int p) {
    seen.emplace_back(engine.now(), p);
    if (p == 1) engine.stop();
  });
  CHECK(end == RunEnd::kStopped);
  CHECK(seen == std::vector<std::pair<Tick, int>>{{3, 2}, {5, 1}});
}

TEST_CASE("engine: the event budget ends a runaway run", "[core]") {
  Engine<int> engine;
  engine.at(0, 0);
  const RunEnd end = engine.run(1000, [&](int p) { engine.at(engine.now() + 1, p + 1); });
  CHECK(end == RunEnd::kRunaway);
  CHECK(engine.events() == 1000);
}

TEST_CASE("event queue: a reserved place pops among same-time events where it was reserved",
          "[core][determinism]") {
  EventQueue<char> q;
  q.push(10, 'a');
  const std::uint64_t place = q.reserve();  // taken now, pushed after 'c'
  q.push(10, 'c');
  q.push_reserved(10, place, 'b');
  q.push(5, 'x');
  std::string order;
  while (!q.empty()) order += q.pop().payload;
  CHECK(order == "xabc");
}
