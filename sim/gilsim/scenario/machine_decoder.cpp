#include "gilsim/scenario/machine_decoder.hpp"

#include <cmath>

#include <fmt/format.h>

#include "gilsim/core/input_file.hpp"
#include "gilsim/model/core_speed.hpp"
#include "gilsim/model/schedulers.hpp"
#include "gilsim/scenario/load.hpp"
#include "gilsim/scenario/scenario_decoder.hpp"

namespace gilsim::detail {
namespace {

const std::vector<std::string_view> kMachineKeys = {
    "profile",      "cores",          "instruction_time", "scheduler",   "wakeup_latency", "cond_wakeup",
    "idle_states",
    "timer_slack",  "wait_entry",     "waking_core_idle", "context_switch", "wake_order",  "tie_order",
    "quantum",      "lock_cost",      "signal_cost", "process_start",  "parallel_speed",
    "gil_migration", "cfs"};

WakeOrder order(const TomlDecoder& d, const toml::node& n, std::string_view what, bool glibc) {
  const std::string s = d.string(n, what);
  if (s == "fifo") return WakeOrder::kFifo;
  if (s == "random") return WakeOrder::kRandom;
  if (glibc && s == "glibc") return WakeOrder::kGlibc;
  d.fail(&n, fmt::format("unknown {} '{}'; valid: fifo, random{}", what.substr(8), s,
                         glibc ? ", glibc" : ""));
}

SchedulerKind scheduler(const TomlDecoder& d, const toml::node& n) {
  const std::string s = d.string(n, "machine.scheduler");
  if (const SchedulerEntry* e = find_scheduler(s)) return e->kind;
  d.fail(&n, fmt::format("unknown scheduler '{}'; valid schedulers: {}", s, scheduler_names()));
}

std::vector<IdleState> idle_states(const TomlDecoder& d, const toml::node& n) {
  std::vector<IdleState> out;
  for (const toml::node& e : d.array(n, "machine.idle_states")) {
    const toml::table& s = d.table(e, "an entry of machine.idle_states");
    d.check_keys(s, {"after", "exit"}, "an entry of machine.idle_states");
    const toml::node* after = s.get("after");
    const toml::node* exit = s.get("exit");
    if (!after || !exit) d.fail(&e, "an idle state needs `after` and `exit`, e.g. { after = \"20us\", exit = \"30us\" }");
    IdleState st{d.duration(*after, "machine.idle_states.after"),
                 d.distribution(*exit, "machine.idle_states.exit")};
    if (!out.empty() && st.after <= out.back().after) {
      d.fail(after, "idle states must be listed by increasing `after`");
    }
    out.push_back(st);
  }
  return out;
}

// Speeds in parts per million (core_speed.hpp), one per number of busy cores.
std::vector<std::int32_t> parallel_speed(const TomlDecoder& d, const toml::node& n) {
  std::vector<std::int32_t> out;
  for (const toml::node& e : d.array(n, "machine.parallel_speed")) {
    const double v = d.fraction(e, "an entry of machine.parallel_speed");
    out.push_back(static_cast<std::int32_t>(std::llround(v * kFullSpeed)));
    if (out.size() == 1 && out[0] != kFullSpeed) {
      d.fail(&e, "machine.parallel_speed starts with 1.0: a core alone runs at full speed "
                 "(instruction_time sets how fast that is)");
    }
    if (out.size() > static_cast<std::size_t>(kMaxCores)) {
      d.fail(&e, fmt::format("machine.parallel_speed has one entry per busy core, at most {}",
                             kMaxCores));
    }
  }
  if (out.empty()) d.fail(&n, "machine.parallel_speed needs at least one entry (1.0: no slowdown)");
  return out;
}

void apply_cfs(const TomlDecoder& d, const toml::node& n, MachineConfig& m) {
  const toml::table& c = d.table(n, "machine.cfs");
  d.check_keys(c, {"latency", "min_granularity", "wakeup_granularity"}, "[machine.cfs]");
  if (auto* v = c.get("latency")) m.cfs_latency = d.duration(*v, "machine.cfs.latency", 1);
  if (auto* v = c.get("min_granularity")) {
    m.cfs_min_granularity = d.duration(*v, "machine.cfs.min_granularity", 1);
  }
  if (auto* v = c.get("wakeup_granularity")) {
    m.cfs_wakeup_granularity = d.duration(*v, "machine.cfs.wakeup_granularity", 1);
  }
}

// Every key but `profile`, which decode_machine_table resolves first.
void apply_keys(const TomlDecoder& d, const toml::table& t, MachineConfig& m) {
  d.check_keys(t, kMachineKeys, "[machine]");
  if (auto* n = t.get("cores")) m.cores = static_cast<int>(d.integer(*n, "machine.cores", 1, kMaxCores));
  if (auto* n = t.get("instruction_time")) {
    m.instruction_time = d.duration(*n, "machine.instruction_time", 1);
  }
  if (auto* n = t.get("scheduler")) m.scheduler = scheduler(d, *n);
  if (auto* n = t.get("wakeup_latency")) m.wakeup_latency = d.distribution(*n, "machine.wakeup_latency");
  if (auto* n = t.get("cond_wakeup")) m.cond_wakeup = d.distribution(*n, "machine.cond_wakeup");
  if (auto* n = t.get("idle_states")) m.idle_states = idle_states(d, *n);
  if (auto* n = t.get("timer_slack")) m.timer_slack = d.duration(*n, "machine.timer_slack");
  if (auto* n = t.get("wait_entry")) m.wait_entry = d.distribution(*n, "machine.wait_entry");
  if (auto* n = t.get("waking_core_idle")) m.waking_core_idle = d.boolean(*n, "machine.waking_core_idle");
  if (auto* n = t.get("context_switch")) m.context_switch = d.duration(*n, "machine.context_switch");
  if (auto* n = t.get("wake_order")) m.wake_order = order(d, *n, "machine.wake_order", true);
  if (auto* n = t.get("tie_order")) m.tie_order = order(d, *n, "machine.tie_order", false);
  if (auto* n = t.get("quantum")) m.quantum = d.duration(*n, "machine.quantum", 1);
  if (auto* n = t.get("lock_cost")) m.lock_cost = d.duration(*n, "machine.lock_cost");
  if (auto* n = t.get("signal_cost")) m.signal_cost = d.duration(*n, "machine.signal_cost");
  if (auto* n = t.get("process_start")) m.process_start = d.duration(*n, "machine.process_start");
  if (auto* n = t.get("parallel_speed")) m.parallel_speed = parallel_speed(d, *n);
  if (auto* n = t.get("gil_migration")) m.gil_migration = d.duration(*n, "machine.gil_migration");
  if (auto* n = t.get("cfs")) apply_cfs(d, *n, m);
}

bool is_path(std::string_view name) {
  return name.find('/') != std::string_view::npos ||
         (name.size() > 5 && name.substr(name.size() - 5) == ".toml");
}

std::string known_profiles() {
  std::string names;
  for (const EmbeddedFile& p : builtin_profiles()) {
    names += names.empty() ? "" : ", ";
    names += p.name;
  }
  return names;
}

// Profiles may build on one another; a chain longer than this is a loop.
constexpr int kMaxProfileDepth = 8;

void load_profile(const TomlDecoder& d, const toml::node* named, const std::string& name,
                  const std::string& relative_to, MachineConfig& m, int depth);

// Applies a profile: first the profile it builds on, if it names one, then its
// own [machine] keys. Its errors point into the profile's file.
void apply_profile(std::string_view text, const std::string& where, MachineConfig& m, int depth) {
  TomlDecoder pd(where, text);
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{where});
  } catch (const toml::parse_error& err) {
    pd.fail_at(err.source(), std::string(err.description()));
  }
  pd.check_keys(root, {"profile", "machine"}, "a machine profile");
  const toml::node* machine = root.get("machine");
  if (!machine) pd.fail(nullptr, "a machine profile needs a [machine] table");
  const toml::table& t = pd.table(*machine, "[machine]");
  if (const toml::node* base = t.get("profile")) {
    if (depth >= kMaxProfileDepth) {
      pd.fail(base, fmt::format("machine profiles name each other more than {} deep (a loop?)",
                                kMaxProfileDepth));
    }
    load_profile(pd, base, pd.string(*base, "machine.profile"), where, m, depth + 1);
  }
  apply_keys(pd, t, m);
}

// Loads the profile `name` (shipped, or a path relative to `relative_to`'s folder).
void load_profile(const TomlDecoder& d, const toml::node* named, const std::string& name,
                  const std::string& relative_to, MachineConfig& m, int depth) {
  if (is_path(name)) {
    std::string path = name;
    const auto slash = relative_to.find_last_of('/');
    if (path[0] != '/' && slash != std::string::npos) path = relative_to.substr(0, slash + 1) + path;
    const Result<std::string> text =
        read_input_file(path, fmt::format("the machine profile '{}'", path));
    if (!text.ok()) d.fail(named, text.error().message);
    apply_profile(text.value(), path, m, depth);
    return;
  }
  const EmbeddedFile* found = nullptr;
  for (const EmbeddedFile& p : builtin_profiles()) {
    if (p.name == name) found = &p;
  }
  if (!found) {
    d.fail(named, fmt::format("unknown machine profile '{}'; valid profiles: {} (or a path to a "
                              "profile file)", name, known_profiles()));
  }
  apply_profile(found->text, fmt::format("machines/{}.toml", name), m, depth);
}

}  // namespace

void decode_machine_table(const TomlDecoder& d, const toml::table* t,
                          const std::string& scenario_path, MachineConfig& m) {
  const toml::node* named = t ? t->get("profile") : nullptr;
  const std::string name = named ? d.string(*named, "machine.profile") : "default";
  load_profile(d, named, name, scenario_path, m, 0);
  if (t) apply_keys(d, *t, m);
}

}  // namespace gilsim::detail

namespace gilsim {

std::vector<MachineProfileInfo> machine_profiles() {
  std::vector<MachineProfileInfo> out;
  for (const EmbeddedFile& p : detail::builtin_profiles()) {
    std::string description;
    try {
      const toml::table root = toml::parse(p.text, std::string_view{p.name});
      description = root["profile"]["description"].value_or(std::string());
    } catch (const toml::parse_error&) {  // a broken shipped profile: the tests say so
    }
    out.push_back({std::string(p.name), description});
  }
  return out;
}

}  // namespace gilsim
