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

std::int64_t program_min_work(const std::vector<Op>& ops) {
  std::int64_t total = 0;
  for (const Op& op : ops) {
    std::int64_t work = 0;
    switch (op.kind) {
      case OpKind::kPython:
      case OpKind::kNative:
      case OpKind::kIo:
      case OpKind::kSleep:
      case OpKind::kSend:
      case OpKind::kRecv:
        work = 1;
        break;
      case OpKind::kRmw:
        work = op.times;
        break;
      case OpKind::kRepeat:
        work = op.forever ? 0 : saturating_mul(op.repeat, program_min_work(op.body));
        break;
      case OpKind::kIncref:
      case OpKind::kDecref:
        break;  // may be folded into the op around them
    }
    total = work >= kNever - total ? kNever : total + work;
  }
  return total;
}

}  // namespace gilsim
