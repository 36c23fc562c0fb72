#include "gilsim/scenario/load.hpp"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

#include "gilsim/model/versions.hpp"
#include "gilsim/policy/registry.hpp"
#include "gilsim/scenario/overrides.hpp"
#include "gilsim/scenario/toml_decoder.hpp"

namespace gilsim {
namespace {

using detail::DecodeFailure;
using detail::TomlDecoder;

constexpr std::int64_t kMaxCores = 64;         // affinity is a 64-bit mask
constexpr std::int64_t kMaxThreads = 100'000;  // keeps a typo from eating the machine

const std::vector<std::string_view> kInterpreterKeys = {
    "version",   "gil",         "switch_interval",   "instruction_time", "check_sites",
    "loop_body", "loop_ticks",  "check_interval",    "force_switching",  "drop_request",
    "refcount",  "atomic_cost", "biased_local_cost", "refcount_window"};

class ScenarioDecoder {
 public:
  ScenarioDecoder(const TomlDecoder& d, const toml::table& root, std::string path)
      : d_(d), root_(root) {
    out_.path = std::move(path);
  }

  Scenario decode() {
    d_.check_keys(
        root_,
        {"scenario", "machine", "interpreter", "process", "shared", "thread", "variant", "expect"},
        "the top level");
    decode_header();
    decode_machine();
    decode_processes();
    decode_shared();
    decode_threads();
    resolve_owners();
    decode_variants();
    decode_expectations();
    check_termination();
    return std::move(out_);
  }

 private:
  const toml::table* section(std::string_view name) const {
    const toml::node* n = root_.get(name);
    return n ? &d_.table(*n, fmt::format("[{}]", name)) : nullptr;
  }

  void decode_header() {
    out_.name = out_.path;  // a file without a name is named after itself
    if (auto slash = out_.name.find_last_of('/'); slash != std::string::npos) {
      out_.name = out_.name.substr(slash + 1);
    }
    if (out_.name.size() > 5 && out_.name.substr(out_.name.size() - 5) == ".toml") {
      out_.name.resize(out_.name.size() - 5);
    }
    const toml::table* s = section("scenario");
    if (!s) return;
    d_.check_keys(*s, {"name", "description", "seed", "stop"}, "[scenario]");
    if (auto* n = s->get("name")) out_.name = d_.string(*n, "scenario.name");
    if (auto* n = s->get("description")) out_.description = d_.string(*n, "scenario.description");
    if (auto* n = s->get("seed")) {
      out_.model.seed = static_cast<std::uint64_t>(d_.integer(*n, "scenario.seed", 0, INT64_MAX));
    }
    if (auto* n = s->get("stop")) out_.model.stop = d_.duration(*n, "scenario.stop", 1);
  }

  void decode_machine() {
    MachineConfig& m = out_.model.machine;
    const toml::table* t = section("machine");
    if (!t) return;
    d_.check_keys(*t,
                  {"cores", "scheduler", "wakeup_latency", "context_switch", "wake_order",
                   "quantum", "lock_cost", "signal_cost", "tie_order", "cfs"},
                  "[machine]");
    if (auto* n = t->get("cores")) {
      m.cores = static_cast<int>(d_.integer(*n, "machine.cores", 1, kMaxCores));
    }
    if (auto* n = t->get("scheduler")) {
      const std::string s = d_.string(*n, "machine.scheduler");
      if (s == "cfs") {
        m.scheduler = SchedulerKind::kCfs;
      } else if (s == "round-robin") {
        m.scheduler = SchedulerKind::kRoundRobin;
      } else if (s == "fifo") {
        m.scheduler = SchedulerKind::kFifo;
      } else {
        d_.fail(n,
                fmt::format("unknown scheduler '{}'; valid schedulers: cfs, round-robin, fifo", s));
      }
    }
    if (auto* n = t->get("wakeup_latency")) {
      m.wakeup_latency = d_.distribution(*n, "machine.wakeup_latency");
    }
    if (auto* n = t->get("tie_order")) {
      const std::string s = d_.string(*n, "machine.tie_order");
      if (s == "fifo") {
        m.tie_order = WakeOrder::kFifo;
      } else if (s == "random") {
        m.tie_order = WakeOrder::kRandom;
      } else {
        d_.fail(n, fmt::format("unknown tie_order '{}'; valid: fifo, random", s));
      }
    }
    if (auto* n = t->get("lock_cost")) m.lock_cost = d_.duration(*n, "machine.lock_cost");
    if (auto* n = t->get("signal_cost")) m.signal_cost = d_.duration(*n, "machine.signal_cost");
    if (auto* n = t->get("context_switch"))
      m.context_switch = d_.duration(*n, "machine.context_switch");
    if (auto* n = t->get("quantum")) m.quantum = d_.duration(*n, "machine.quantum", 1);
    if (auto* n = t->get("wake_order")) {
      const std::string s = d_.string(*n, "machine.wake_order");
      if (s == "fifo") {
        m.wake_order = WakeOrder::kFifo;
      } else if (s == "random") {
        m.wake_order = WakeOrder::kRandom;
      } else {
        d_.fail(n, fmt::format("unknown wake_order '{}'; valid: fifo, random", s));
      }
    }
    if (auto* n = t->get("cfs")) {
      const toml::table& c = d_.table(*n, "machine.cfs");
      d_.check_keys(c, {"latency", "min_granularity", "wakeup_granularity"}, "[machine.cfs]");
      if (auto* v = c.get("latency")) m.cfs_latency = d_.duration(*v, "machine.cfs.latency", 1);
      if (auto* v = c.get("min_granularity")) {
        m.cfs_min_granularity = d_.duration(*v, "machine.cfs.min_granularity", 1);
      }
      if (auto* v = c.get("wakeup_granularity")) {
        m.cfs_wakeup_granularity = d_.duration(*v, "machine.cfs.wakeup_granularity", 1);
      }
    }
  }

  // Preset of the version first, then explicit keys: [interpreter], then the process's own.
  InterpreterConfig decode_interpreter(const toml::table* process) {
    const toml::table* base = section("interpreter");
    if (base) d_.check_keys(*base, kInterpreterKeys, "[interpreter]");
    InterpreterConfig interp;
    const toml::node* version = process ? process->get("version") : nullptr;
    if (!version && base) version = base->get("version");
    if (version) {
      if (version->is_floating_point()) {
        d_.fail(version,
                "interpreter.version must be a string such as \"3.11\" "
                "(as a number, 3.10 would read as 3.1)");
      }
      const std::string v = d_.string(*version, "interpreter.version");
      const VersionPreset* preset = find_version(v);
      if (!preset) {
        std::vector<std::string_view> names;
        for (const VersionPreset& p : version_presets()) names.push_back(p.version);
        d_.fail(version,
                fmt::format("unknown version '{}'; known versions: {}", v, fmt::join(names, ", ")));
      }
      apply_preset(*preset, interp);
    } else {
      apply_preset(*find_version(interp.version), interp);
    }
    if (base) apply_interpreter_keys(*base, interp);
    if (process) apply_interpreter_keys(*process, interp);
    return interp;
  }

  void apply_interpreter_keys(const toml::table& t, InterpreterConfig& interp) {
    if (auto* n = t.get("gil")) {
      interp.gil = d_.string(*n, "interpreter.gil");
      if (!find_policy(interp.gil)) {
        std::vector<std::string_view> names;
        for (const PolicyEntry& e : policy_registry()) names.push_back(e.name);
        d_.fail(n, fmt::format("unknown GIL policy '{}'; valid policies: {}", interp.gil,
                               fmt::join(names, ", ")));
      }
    }
    if (auto* n = t.get("switch_interval")) {
      interp.switch_interval = d_.duration(*n, "interpreter.switch_interval", 1);
    }
    if (auto* n = t.get("instruction_time")) {
      interp.instruction_time = d_.duration(*n, "interpreter.instruction_time", 1);
    }
    if (auto* n = t.get("check_sites")) {
      const std::string s = d_.string(*n, "interpreter.check_sites");
      if (s == "tick") {
        interp.check_sites = CheckSites::kTick;
      } else if (s == "instruction") {
        interp.check_sites = CheckSites::kInstruction;
      } else if (s == "loop") {
        interp.check_sites = CheckSites::kLoop;
      } else {
        d_.fail(n, fmt::format("unknown check_sites '{}'; valid: tick, instruction, loop", s));
      }
    }
    if (auto* n = t.get("loop_body")) {
      interp.loop_body = d_.integer(*n, "interpreter.loop_body", 1, 1'000'000'000);
    }
    if (auto* n = t.get("loop_ticks")) {
      interp.loop_ticks = d_.integer(*n, "interpreter.loop_ticks", 1, 1'000'000'000);
    }
    if (auto* n = t.get("check_interval")) {
      interp.check_interval = d_.integer(*n, "interpreter.check_interval", 1, 1'000'000'000);
    }
    if (auto* n = t.get("force_switching")) {
      interp.force_switching = d_.boolean(*n, "interpreter.force_switching");
    }
    if (auto* n = t.get("refcount")) {
      const std::string s = d_.string(*n, "interpreter.refcount");
      if (s == "plain") {
        interp.refcount = RefcountModel::kPlain;
      } else if (s == "atomic") {
        interp.refcount = RefcountModel::kAtomic;
      } else if (s == "biased") {
        interp.refcount = RefcountModel::kBiased;
      } else {
        d_.fail(n, fmt::format("unknown refcount model '{}'; valid: plain, atomic, biased", s));
      }
    }
    if (auto* n = t.get("atomic_cost"))
      interp.atomic_cost = d_.duration(*n, "interpreter.atomic_cost");
    if (auto* n = t.get("biased_local_cost")) {
      interp.biased_local_cost = d_.duration(*n, "interpreter.biased_local_cost");
    }
    if (auto* n = t.get("refcount_window")) {
      interp.refcount_window = d_.duration(*n, "interpreter.refcount_window");
    }
    if (auto* n = t.get("drop_request")) {
      const std::string s = d_.string(*n, "interpreter.drop_request");
      if (s == "interpreter") {
        interp.drop_request = DropRequestScope::kInterpreter;
      } else if (s == "thread") {
        interp.drop_request = DropRequestScope::kThread;
      } else {
        d_.fail(n, fmt::format("unknown drop_request '{}'; valid: interpreter, thread", s));
      }
    }
  }

  void decode_processes() {
    if (const toml::node* n = root_.get("process")) {
      for (const toml::node& p : d_.array(*n, "[[process]]")) {
        const toml::table& t = d_.table(p, "[[process]]");
        std::vector<std::string_view> keys = kInterpreterKeys;
        keys.insert(keys.begin(), "name");
        d_.check_keys(t, keys, "[[process]]");
        const toml::node* name = t.get("name");
        if (!name) d_.fail(&p, "a [[process]] needs a name");
        ProcessSpec spec{d_.string(*name, "process.name"), decode_interpreter(&t)};
        if (process_index(spec.name) >= 0) {
          d_.fail(name, fmt::format("process '{}' is defined twice", spec.name));
        }
        out_.model.processes.push_back(std::move(spec));
      }
    }
    if (out_.model.processes.empty()) {
      out_.model.processes.push_back(ProcessSpec{"main", decode_interpreter(nullptr)});
    }
  }

  int process_index(std::string_view name) const {
    for (std::size_t i = 0; i < out_.model.processes.size(); ++i) {
      if (out_.model.processes[i].name == name) return static_cast<int>(i);
    }
    return -1;
  }

  void decode_shared() {
    const toml::node* n = root_.get("shared");
    if (!n) return;
    for (const toml::node& node : d_.array(*n, "[[shared]]")) {
      const toml::table& t = d_.table(node, "[[shared]]");
      d_.check_keys(t, {"name", "kind", "initial", "atomic", "immortal", "owner"}, "[[shared]]");
      const toml::node* name = t.get("name");
      if (!name) d_.fail(&node, "a [[shared]] needs a name");
      SharedSpec spec;
      spec.name = d_.string(*name, "shared.name");
      if (shared_index(spec.name) >= 0) {
        d_.fail(name, fmt::format("shared '{}' is defined twice", spec.name));
      }
      if (auto* k = t.get("kind")) {
        const std::string kind = d_.string(*k, "shared.kind");
        if (kind == "object") {
          spec.is_object = true;
        } else if (kind != "variable") {
          d_.fail(k, fmt::format("unknown shared kind '{}'; valid: variable, object", kind));
        }
      }
      spec.initial = spec.is_object ? 1 : 0;  // an object starts with its creator's reference
      if (auto* v = t.get("initial")) {
        spec.initial = d_.integer(*v, "shared.initial", spec.is_object ? 1 : -kNever, kNever);
      }
      if (auto* v = t.get("atomic")) {
        if (spec.is_object)
          d_.fail(v, "'atomic' is for variables; objects follow interpreter.refcount");
        spec.atomic = d_.boolean(*v, "shared.atomic");
      }
      if (auto* v = t.get("immortal")) {
        if (!spec.is_object) d_.fail(v, "'immortal' is for objects (kind = \"object\")");
        spec.immortal = d_.boolean(*v, "shared.immortal");
      }
      if (auto* v = t.get("owner")) {
        if (!spec.is_object) d_.fail(v, "'owner' is for objects (kind = \"object\")");
        owner_names_.emplace_back(out_.model.shared.size(), v);
      }
      out_.model.shared.push_back(std::move(spec));
    }
  }

  int shared_index(std::string_view name) const {
    for (std::size_t i = 0; i < out_.model.shared.size(); ++i) {
      if (out_.model.shared[i].name == name) return static_cast<int>(i);
    }
    return -1;
  }

  /// The shared item an op names, which must be of the right kind.
  int shared_ref(const toml::node& n, std::string_view op, bool object) {
    const std::string name = d_.string(n, fmt::format("the {} op's target", op));
    const int i = shared_index(name);
    if (i < 0) {
      std::vector<std::string_view> names;
      for (const SharedSpec& s : out_.model.shared) names.push_back(s.name);
      d_.fail(&n, names.empty()
                      ? fmt::format("'{}' is not defined: declare it in a [[shared]] table", name)
                      : fmt::format("'{}' is not defined; shared items: {}", name,
                                    fmt::join(names, ", ")));
    }
    if (out_.model.shared[static_cast<std::size_t>(i)].is_object != object) {
      d_.fail(&n,
              fmt::format("{} needs {}, and '{}' is {}", op, object ? "an object" : "a variable",
                          name, object ? "a variable" : "an object"));
    }
    return i;
  }

  // Owners name threads, which are read after [[shared]].
  void resolve_owners() {
    for (const auto& [item, node] : owner_names_) {
      const std::string name = d_.string(*node, "shared.owner");
      bool found = false;
      for (std::size_t i = 0; i < out_.model.threads.size(); ++i) {
        if (out_.model.threads[i].name == name) {
          out_.model.shared[item].owner = static_cast<ThreadId>(i);
          found = true;
        }
      }
      if (!found) d_.fail(node, fmt::format("owner '{}' is not a thread", name));
    }
  }

  void decode_threads() {
    const toml::node* n = root_.get("thread");
    if (!n) d_.fail(nullptr, "the scenario has no [[thread]]; it needs at least one");
    std::int64_t total = 0;
    for (const toml::node& node : d_.array(*n, "[[thread]]")) {
      const toml::table& t = d_.table(node, "[[thread]]");
      d_.check_keys(t, {"name", "process", "count", "affinity", "start", "run"}, "[[thread]]");
      const toml::node* name_node = t.get("name");
      if (!name_node) d_.fail(&node, "a [[thread]] needs a name");
      ThreadSpec spec;
      spec.name = d_.string(*name_node, "thread.name");
      if (auto* p = t.get("process")) {
        const std::string pname = d_.string(*p, "thread.process");
        spec.process = process_index(pname);
        if (spec.process < 0) {
          std::vector<std::string_view> names;
          for (const ProcessSpec& ps : out_.model.processes) names.push_back(ps.name);
          d_.fail(p, fmt::format("thread '{}' names process '{}', which is not defined; "
                                 "defined processes: {}",
                                 spec.name, pname, fmt::join(names, ", ")));
        }
      }
      std::int64_t count = 1;
      // 0 is allowed so that a [[variant]] can leave a thread out.
      if (auto* c = t.get("count")) count = d_.integer(*c, "thread.count", 0, kMaxThreads);
      total += count;
      if (total > kMaxThreads) d_.fail(&node, fmt::format("more than {} threads", kMaxThreads));
      if (auto* a = t.get("affinity")) spec.affinity = decode_affinity(*a);
      if (auto* s = t.get("start")) spec.start = d_.duration(*s, "thread.start");
      const toml::node* run = t.get("run");
      if (!run) d_.fail(&node, fmt::format("thread '{}' has no 'run' list of ops", spec.name));
      spec.ops = decode_ops(*run, fmt::format("thread '{}'", spec.name));
      if (spec.ops.empty()) {
        d_.fail(run, fmt::format("thread '{}' has an empty program: 'run' needs at least one op",
                                 spec.name));
      }
      for (std::int64_t i = 0; i < count; ++i) {
        ThreadSpec copy = spec;
        if (count > 1) copy.name = fmt::format("{}-{}", spec.name, i + 1);
        if (!thread_names_.insert(copy.name).second) {
          d_.fail(name_node, fmt::format("thread '{}' is defined twice", copy.name));
        }
        out_.model.threads.push_back(std::move(copy));
      }
    }
    if (out_.model.threads.empty()) {
      d_.fail(n, "every [[thread]] has count = 0: the scenario needs at least one thread");
    }
  }

  std::uint64_t decode_affinity(const toml::node& n) {
    std::uint64_t mask = 0;
    const toml::array& a = d_.array(n, "thread.affinity");
    if (a.empty()) d_.fail(&n, "thread.affinity needs at least one core");
    for (const toml::node& c : a) {
      const auto core = d_.integer(c, "a core in thread.affinity", 0, out_.model.machine.cores - 1);
      mask |= std::uint64_t{1} << core;
    }
    return mask;
  }

  std::vector<Op> decode_ops(const toml::node& n, const std::string& owner) {
    std::vector<Op> ops;
    for (const toml::node& op : d_.array(n, fmt::format("the program of {}", owner))) {
      decode_op(op, owner, ops);
    }
    return ops;
  }

  /// Appends the op(s) `n` describes to `out` (a borrow is three ops).
  void decode_op(const toml::node& n, const std::string& owner, std::vector<Op>& out) {
    if (!n.is_table()) {
      d_.fail(&n, fmt::format("each op of {} must be an inline table such as {{ python = 1000 }}, "
                              "not {}",
                              owner, TomlDecoder::type_name(n)));
    }
    const toml::table& t = *n.as_table();
    int kinds = 0;
    for (std::string_view k :
         {"python", "native", "io", "sleep", "repeat", "rmw", "incref", "decref", "borrow"}) {
      kinds += t.contains(k);
    }
    if (kinds != 1) {
      d_.check_keys(t,
                    {"python", "native", "io", "sleep", "repeat", "rmw", "incref", "decref",
                     "borrow", "loop_body", "ticks", "holds_gil", "name", "body", "window", "call",
                     "times", "touches", "hold"},
                    "an op");
      d_.fail(&n,
              "an op needs exactly one of python, native, io, sleep, repeat, rmw, incref, "
              "decref, borrow");
    }
    Op op;
    if (const toml::node* v = t.get("rmw")) {
      d_.check_keys(t, {"rmw", "window", "call", "times", "ticks"}, "an rmw op");
      op.kind = OpKind::kRmw;
      op.shared = shared_ref(*v, "rmw", false);
      if (auto* w = t.get("window")) op.window = d_.integer(*w, "window", 0, 1'000'000'000);
      if (auto* c = t.get("call")) op.call = d_.boolean(*c, "call");
      if (auto* x = t.get("times")) op.times = d_.integer(*x, "times", 1, kNever / 1024);
      if (auto* tk = t.get("ticks")) op.ticks = d_.integer(*tk, "ticks", 1, 1'000'000'000);
      out.push_back(std::move(op));
      return;
    }
    for (const bool inc : {true, false}) {
      const char* key = inc ? "incref" : "decref";
      const toml::node* v = t.get(key);
      if (!v) continue;
      d_.check_keys(t, {key}, inc ? "an incref op" : "a decref op");
      op.kind = inc ? OpKind::kIncref : OpKind::kDecref;
      op.shared = shared_ref(*v, key, true);
      out.push_back(std::move(op));
      return;
    }
    if (const toml::node* v = t.get("borrow")) {  // incref, hold, decref
      d_.check_keys(t, {"borrow", "hold"}, "a borrow op");
      Op inc;
      inc.kind = OpKind::kIncref;
      inc.shared = shared_ref(*v, "borrow", true);
      Op dec = inc;
      dec.kind = OpKind::kDecref;
      out.push_back(inc);
      if (const toml::node* h = t.get("hold")) {
        Op hold;
        if (h->is_integer()) {
          hold.instructions = d_.integer(*h, "hold (instructions)", 1, kNever);
        } else {
          hold.duration = d_.distribution(*h, "hold");
        }
        out.push_back(std::move(hold));
      }
      out.push_back(dec);
      return;
    }
    if (const toml::node* v = t.get("python")) {
      d_.check_keys(t, {"python", "loop_body", "ticks"}, "a python op");
      op.kind = OpKind::kPython;
      if (v->is_integer()) {
        op.instructions = d_.integer(*v, "python (instructions)", 1, kNever);
      } else if (v->is_string() && v->as_string()->get() == "forever") {
        op.forever = true;
      } else {
        op.duration = d_.distribution(*v, "python");
      }
      if (auto* lb = t.get("loop_body"))
        op.loop_body = d_.integer(*lb, "loop_body", 1, 1'000'000'000);
      if (auto* tk = t.get("ticks")) op.ticks = d_.integer(*tk, "ticks", 1, 1'000'000'000);
    } else if (const toml::node* native = t.get("native")) {
      d_.check_keys(t, {"native", "holds_gil", "touches", "times"}, "a native op");
      op.kind = OpKind::kNative;
      op.duration = d_.distribution(*native, "native");
      if (auto* h = t.get("holds_gil")) op.holds_gil = d_.boolean(*h, "holds_gil");
      if (auto* x = t.get("touches")) op.shared = shared_ref(*x, "native ... touches", true);
      if (auto* x = t.get("times")) {
        if (op.shared < 0) d_.fail(x, "'times' on a native op counts its 'touches'");
        op.times = d_.integer(*x, "times", 1, kNever / 1024);
      }
    } else if (const toml::node* io = t.get("io")) {
      d_.check_keys(t, {"io"}, "an io op");
      op.kind = OpKind::kIo;
      op.duration = d_.distribution(*io, "io");
    } else if (const toml::node* sleep = t.get("sleep")) {
      d_.check_keys(t, {"sleep"}, "a sleep op");
      op.kind = OpKind::kSleep;
      op.duration = d_.distribution(*sleep, "sleep");
    } else {
      const toml::node* r = t.get("repeat");
      d_.check_keys(t, {"repeat", "name", "body"}, "a repeat op");
      op.kind = OpKind::kRepeat;
      if (r->is_string() && r->as_string()->get() == "forever") {
        op.forever = true;
      } else if (r->is_string()) {
        d_.fail(r, "repeat must be a number of iterations or \"forever\"");
      } else {
        op.repeat = d_.integer(*r, "repeat", 1, kNever);
      }
      if (auto* name = t.get("name"))
        op.loop_id = loop_id(d_.string(*name, "the name of a repeat"));
      const toml::node* body = t.get("body");
      if (!body) d_.fail(&n, "a repeat op needs a body, e.g. body = [ { python = 100 } ]");
      op.body = decode_ops(*body, owner);
      if (op.body.empty()) d_.fail(body, "a repeat op needs at least one op in its body");
    }
    out.push_back(std::move(op));
  }

  int loop_id(const std::string& name) {
    for (std::size_t i = 0; i < out_.loop_names.size(); ++i) {
      if (out_.loop_names[i] == name) return static_cast<int>(i);
    }
    out_.loop_names.push_back(name);
    return static_cast<int>(out_.loop_names.size() - 1);
  }

  void decode_variants() {
    const toml::node* n = root_.get("variant");
    if (!n) return;
    for (const toml::node& node : d_.array(*n, "[[variant]]")) {
      const toml::table& t = d_.table(node, "[[variant]]");
      d_.check_keys(t, {"name", "description", "set"}, "[[variant]]");
      const toml::node* name = t.get("name");
      if (!name) d_.fail(&node, "a [[variant]] needs a name");
      Variant v{d_.string(*name, "variant.name"), "", {}};
      if (auto* desc = t.get("description"))
        v.description = d_.string(*desc, "variant.description");
      if (auto* set = t.get("set")) {
        for (auto&& [key, value] : d_.table(*set, "variant.set")) {
          v.sets.push_back(Override{std::string(key.str()), override_text(value)});
        }
      }
      out_.variants.push_back(std::move(v));
    }
  }

  void decode_expectations() {
    const toml::node* n = root_.get("expect");
    if (!n) return;
    for (const toml::node& node : d_.array(*n, "[[expect]]")) {
      const toml::table& t = d_.table(node, "[[expect]]");
      d_.check_keys(t, {"metric", "op", "value", "variant", "description"}, "[[expect]]");
      Expectation e;
      e.line = static_cast<int>(node.source().begin.line);
      const toml::node* metric = t.get("metric");
      const toml::node* op = t.get("op");
      const toml::node* value = t.get("value");
      if (!metric || !op || !value) d_.fail(&node, "an [[expect]] needs metric, op and value");
      e.metric = d_.string(*metric, "expect.metric");
      e.op = d_.string(*op, "expect.op");
      if (e.op != "<" && e.op != "<=" && e.op != ">" && e.op != ">=" && e.op != "==" &&
          e.op != "!=") {
        d_.fail(op, fmt::format("unknown operator '{}'; valid: < <= > >= == !=", e.op));
      }
      e.value = value->is_string() ? value->as_string()->get() : override_text(*value);
      if (auto* v = t.get("variant")) e.variant = d_.string(*v, "expect.variant");
      out_.expectations.push_back(std::move(e));
    }
  }

  // A run must end: at its stop time, or when every thread that can finish has.
  void check_termination() {
    if (out_.model.stop != kNever) return;
    for (const ThreadSpec& t : out_.model.threads) {
      if (program_can_finish(t.ops)) return;
    }
    d_.fail(root_.get("thread"),
            "every thread runs forever, so the run would never end; set scenario.stop "
            "(e.g. stop = \"2s\")");
  }

  static std::string override_text(const toml::node& value) {
    if (const auto* s = value.as_string()) return s->get();
    std::ostringstream os;
    value.visit([&](auto&& v) { os << v; });
    return os.str();
  }

  const TomlDecoder& d_;
  const toml::table& root_;
  Scenario out_;
  std::set<std::string> thread_names_;
  std::vector<std::pair<std::size_t, const toml::node*>> owner_names_;  ///< shared item, node
};

std::string read_file(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

}  // namespace

Result<Scenario> parse_scenario(std::string_view text, const std::string& path,
                                const std::vector<Override>& overrides) {
  TomlDecoder decoder(path, text);
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{path});
  } catch (const toml::parse_error& err) {
    try {
      decoder.fail_at(err.source(), std::string(err.description()));
    } catch (const detail::DecodeFailure& f) {
      return f.error;
    }
  }
  try {
    for (const Override& o : overrides) detail::apply_override(decoder, root, o);
    return ScenarioDecoder(decoder, root, path).decode();
  } catch (const detail::DecodeFailure& f) {
    return f.error;
  }
}

Result<Scenario> load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  bool ok = false;
  std::string text = read_file(path, ok);
  if (!ok) return InputError{path, 0, 0, "cannot read the file", ""};
  return parse_scenario(text, path, overrides);
}

Result<Override> parse_override(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return InputError{fmt::format("--set {}", text), 0, 0,
                      "expected KEY=VALUE, e.g. "
                      "--set interpreter.switch_interval=1ms",
                      ""};
  }
  return Override{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

}  // namespace gilsim
