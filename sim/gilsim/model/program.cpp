#include "gilsim/model/program.hpp"

namespace gilsim {

bool program_can_finish(const std::vector<Op>& ops) {
  for (const Op& op : ops) {
    if (op.kind == OpKind::kRepeat && op.repeat == 0 && !op.forever) continue;  // never entered
    if (op.forever) return false;
    if (op.kind == OpKind::kRepeat && !program_can_finish(op.body)) return false;
  }
  return true;
}

}  // namespace gilsim
