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
       make<CheckIntervalGil>},
      {"timed-switch",
       "CPython 3.2+: waiters time out after switch_interval and request a drop; FORCE_SWITCHING",
       make<TimedSwitchGil>},
      {"fifo-handoff",
       "fair (bpo-8299): periodic checks hand the GIL to the longest waiter; no barging",
       make<FifoHandoffGil>},
      {"priority-io", "Beazley 2010: a thread back from I/O makes a CPU-bound holder drop at once",
       make<PriorityIoGil>},
      {"io-first", "lab 5's worked example: a thread back from I/O asks for the GIL at once",
       make<IoFirstGil>},
      {"none", "free-threaded (PEP 703, 3.13t): no GIL; threads only compete for cores", make_none},
  };
  return kPolicies;
}

PolicyTraits policy_traits(const PolicyEntry& entry, const InterpreterConfig& interpreter,
                           const MachineConfig& machine) {
  const std::unique_ptr<GilPolicy> p = entry.make(PolicyContext{interpreter, machine, 0, 0, Rng(0)});
  return PolicyTraits{p->serializes(), p->timed_wait(), p->counts_ticks()};
}

const PolicyEntry* find_policy(std::string_view name) {
  for (const PolicyEntry& e : policy_registry()) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

}  // namespace gilsim
