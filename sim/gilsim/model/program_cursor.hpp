#pragma once
// Walks a thread's program op by op, entering and leaving loops.

#include <cstdint>
#include <vector>

#include "gilsim/core/time.hpp"
#include "gilsim/model/program.hpp"

namespace gilsim {

class ProgramCursor {
 public:
  /// Positions the cursor on the first leaf op of `ops`, entering loops at `now`.
  ProgramCursor(const std::vector<Op>& ops, Tick now);

  /// The current leaf op (never kRepeat), or nullptr when the program is done.
  const Op* current() const {
    return frames_.empty() ? nullptr : &(*frames_.back().ops)[frames_.back().index];
  }

  /// A finished iteration of a named loop.
  struct Iteration {
    int loop_id;
    Tick duration;
  };

  /// Moves past the current op at `now`. Appends every named loop iteration that
  /// ends on the way to `ended`.
  void advance(Tick now, std::vector<Iteration>& ended);

 private:
  struct Frame {
    const std::vector<Op>* ops;
    std::size_t index;
    std::int64_t remaining;  ///< iterations left, including the current one
    bool forever;
    int loop_id;
    Tick iteration_start;
  };
  /// Settles on a leaf op: enters loops, skips empty ones, closes finished ones.
  void descend_to_leaf(Tick now, std::vector<Iteration>& ended);

  std::vector<Frame> frames_;
};

}  // namespace gilsim
