#include "gilsim/model/program_cursor.hpp"

#include <catch2/catch.hpp>

#include "gilsim/model/program.hpp"

using namespace gilsim;

namespace {
Op python(std::int64_t n) {
  Op op;
  op.instructions = n;
  return op;
}
Op loop(std::int64_t times, int id, std::vector<Op> body) {
  Op op;
  op.kind = OpKind::kRepeat;
  op.repeat = times;
  op.loop_id = id;
  op.body = std::move(body);
  return op;
}
}  // namespace

TEST_CASE("program cursor: walks loops and reports named iterations", "[model]") {
  const std::vector<Op> ops = {python(1), loop(2, 0, {python(2), python(3)}), python(4)};
  ProgramCursor c(ops, 0);
  std::vector<ProgramCursor::Iteration> ended;
  std::vector<std::int64_t> seen;
  Tick now = 0;
  while (const Op* op = c.current()) {
    seen.push_back(op->instructions);
    now += 10;
    c.advance(now, ended);
  }
  CHECK(seen == std::vector<std::int64_t>{1, 2, 3, 2, 3, 4});
  REQUIRE(ended.size() == 2);
  CHECK(ended[0].loop_id == 0);
  CHECK(ended[0].duration == 20);  // entered at 10, first iteration ends at 30
  CHECK(ended[1].duration == 20);
}

TEST_CASE("program cursor: nested loops multiply", "[model]") {
  const std::vector<Op> ops = {loop(3, -1, {loop(4, -1, {python(1)})})};
  ProgramCursor c(ops, 0);
  std::vector<ProgramCursor::Iteration> ended;
  int count = 0;
  while (c.current()) {
    ++count;
    c.advance(0, ended);
  }
  CHECK(count == 12);
  CHECK(ended.empty());  // unnamed loops report nothing
}

TEST_CASE("program: can_finish sees forever ops at any depth", "[model]") {
  Op forever_py;
  forever_py.forever = true;
  CHECK(program_can_finish({python(1), loop(2, -1, {python(1)})}));
  CHECK_FALSE(program_can_finish({python(1), loop(2, -1, {forever_py})}));
  Op forever_loop = loop(0, -1, {python(1)});
  forever_loop.forever = true;
  CHECK_FALSE(program_can_finish({forever_loop}));
}
