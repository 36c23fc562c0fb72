#include "gilsim/policy/registry.hpp"

#include "gilsim/policy/check_interval.hpp"
#include "gilsim/policy/fifo_handoff.hpp"
#include "gilsim/policy/io_first.hpp"
#include "gilsim/policy/no_gil.hpp"
#include "gilsim/policy/priority_io.hpp"
#include "gilsim/policy/timed_switch.hpp"

namespace gilsim {

namespace {
template <class Policy>
std::unique_ptr<GilPolicy> make(const PolicyContext& ctx) {
  return std::make_unique<Policy>(ctx);
}
std::unique_ptr<GilPolicy> make_none(const PolicyContext&) { return std::make_unique<NoGil>(); }
}  // namespace

const std::vector<PolicyEntry>& policy_registry() {
  static const std::vector<PolicyEntry> kPolicies = {
      {"check-interval",
       "CPython <= 3.1: release and re-take every check_interval ticks; woken waiters race",
       make<CheckIntervalGil>, true, false, true},
      {"timed-switch",
       "CPython 3.2+: waiters time out after switch_interval and request a drop; FORCE_SWITCHING",
       make<TimedSwitchGil>, true, true},
      {"fifo-handoff",
       "fair (bpo-8299): periodic checks hand the GIL to the longest waiter; no barging",
       make<FifoHandoffGil>, true, false, true},
      {"priority-io", "Beazley 2010: a thread back from I/O makes a CPU-bound holder drop at once",
       make<PriorityIoGil>, true, true},
      {"io-first", "lab 5's worked example: a thread back from I/O asks for the GIL at once",
       make<IoFirstGil>, true, true},
      {"none", "free-threaded (PEP 703, 3.13t): no GIL; threads only compete for cores", make_none, false, false},
  };
  return kPolicies;
}

const PolicyEntry* find_policy(std::string_view name) {
  for (const PolicyEntry& e : policy_registry()) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

}  // namespace gilsim
