#include "gilsim/core/trace.hpp"

#include "gilsim/core/assert.hpp"

namespace gilsim {

void TraceRecord::bad_access() const {
  GILSIM_ASSERT(false, "a reader asked a record of kind {} for what that kind does not carry",
                static_cast<int>(kind));
  GILSIM_ASSERT_EXIT();
}

}  // namespace gilsim
