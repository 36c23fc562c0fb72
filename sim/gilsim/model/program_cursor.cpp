#include "gilsim/model/program_cursor.hpp"

namespace gilsim {

ProgramCursor::ProgramCursor(const std::vector<Op>& ops, Tick now) {
  frames_.push_back(Frame{&ops, 0, 1, false, -1, now});
  std::vector<Iteration> ignored;
  descend_to_leaf(now, ignored);
}

void ProgramCursor::advance(Tick now, std::vector<Iteration>& ended) {
  if (frames_.empty()) return;
  ++frames_.back().index;
  descend_to_leaf(now, ended);
}

void ProgramCursor::descend_to_leaf(Tick now, std::vector<Iteration>& ended) {
  while (!frames_.empty()) {
    Frame& f = frames_.back();
    if (f.index == f.ops->size()) {  // end of a body: one iteration done
      if (frames_.size() == 1) {
        frames_.clear();
        return;
      }
      if (f.loop_id >= 0) ended.push_back({f.loop_id, now - f.iteration_start});
      if (f.forever || --f.remaining > 0) {
        f.index = 0;
        f.iteration_start = now;
        continue;
      }
      frames_.pop_back();
      ++frames_.back().index;
      continue;
    }
    const Op& op = (*f.ops)[f.index];
    if (op.kind != OpKind::kRepeat) return;
    if ((!op.forever && op.repeat <= 0) || op.body.empty()) {
      ++f.index;
      continue;
    }
    frames_.push_back(Frame{&op.body, 0, op.repeat, op.forever, op.loop_id, now});
  }
}

}  // namespace gilsim
