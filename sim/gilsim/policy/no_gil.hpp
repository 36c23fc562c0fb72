#pragma once
// Notes about the model: a free-threaded interpreter (PEP 703, python3.13t with
// the GIL disabled): take_gil returns at once when the GIL is not enabled
// (ceval_gil.c), so threads never wait for one another and only cores limit them.

#include "gilsim/model/gil_policy.hpp"

namespace gilsim {

class NoGil final : public GilPolicy {
 public:
  bool serializes() const override { return false; }
  bool take(GilHost&, ThreadId) override { return true; }
  bool drop(GilHost&, ThreadId, DropReason) override { return true; }
  void on_timeout(GilHost&, ThreadId) override {}
  std::int64_t check_sites_ahead(ThreadId) const override { return 0; }
  bool at_check_site(GilHost&, ThreadId) override { return false; }
};

}  // namespace gilsim
