#include <fmt/format.h>

#include <algorithm>

#include "gilsim/scenario/scenario_decoder.hpp"

namespace gilsim::detail {

void ScenarioDecoder::decode_shared() {
  const toml::node* n = root_.get("shared");
  if (!n) return;
  for (const toml::node& node : d_.array(*n, "[[shared]]")) {
    const toml::table& t = d_.table(node, "[[shared]]");
    d_.check_keys(t, {"name", "kind", "initial", "atomic", "immortal", "owner"}, "[[shared]]");
    const toml::node* name = t.get("name");
    if (!name) d_.fail(&node, "a [[shared]] needs a name");
    SharedSpec spec;
    spec.name = d_.name(*name, "shared.name");
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

int ScenarioDecoder::shared_index(std::string_view name) const {
  for (std::size_t i = 0; i < out_.model.shared.size(); ++i) {
    if (out_.model.shared[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

/// The shared item an op names, which must be of the right kind.
int ScenarioDecoder::shared_ref(const toml::node& n, std::string_view op, bool object) {
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
    d_.fail(&n, fmt::format("{} needs {}, and '{}' is {}", op, object ? "an object" : "a variable",
                            name, object ? "a variable" : "an object"));
  }
  return i;
}

void ScenarioDecoder::decode_pipes() {
  const toml::node* n = root_.get("pipe");
  if (!n) return;
  for (const toml::node& node : d_.array(*n, "[[pipe]]")) {
    const toml::table& t = d_.table(node, "[[pipe]]");
    d_.check_keys(t, {"name"}, "[[pipe]]");
    const toml::node* name = t.get("name");
    if (!name) d_.fail(&node, "a [[pipe]] needs a name");
    std::string pipe = d_.name(*name, "pipe.name");
    for (const std::string& other : out_.model.pipes) {
      if (other == pipe) d_.fail(name, fmt::format("pipe '{}' is defined twice", pipe));
    }
    out_.model.pipes.push_back(std::move(pipe));
  }
}

int ScenarioDecoder::pipe_ref(const toml::node& n, std::string_view op) {
  const std::string name = d_.string(n, fmt::format("the {} op's pipe", op));
  const auto& pipes = out_.model.pipes;
  for (std::size_t i = 0; i < pipes.size(); ++i) {
    if (pipes[i] == name) return static_cast<int>(i);
  }
  d_.fail(&n, pipes.empty() ? fmt::format("pipe '{}' is not defined: declare it in a [[pipe]] table", name)
                            : fmt::format("pipe '{}' is not defined; pipes: {}", name, fmt::join(pipes, ", ")));
}

// Owners name threads, which are read after [[shared]].
void ScenarioDecoder::resolve_owners() {
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

void ScenarioDecoder::decode_threads() {
  const toml::node* n = root_.get("thread");
  if (!n) d_.fail(nullptr, "the scenario has no [[thread]]; it needs at least one");
  std::int64_t total = 0;
  for (const toml::node& node : d_.array(*n, "[[thread]]")) {
    const toml::table& t = d_.table(node, "[[thread]]");
    d_.check_keys(t, {"name", "process", "count", "affinity", "start", "run"}, "[[thread]]");
    const toml::node* name_node = t.get("name");
    if (!name_node) d_.fail(&node, "a [[thread]] needs a name");
    ThreadSpec spec;
    spec.name = d_.name(*name_node, "thread.name");
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
    instruction_time_ = out_.model.processes[static_cast<std::size_t>(spec.process)].interpreter.instruction_time;
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

std::uint64_t ScenarioDecoder::decode_affinity(const toml::node& n) {
  std::uint64_t mask = 0;
  const toml::array& a = d_.array(n, "thread.affinity");
  if (a.empty()) d_.fail(&n, "thread.affinity needs at least one core");
  for (const toml::node& c : a) {
    const auto core = d_.integer(c, "a core in thread.affinity", 0, out_.model.machine.cores - 1);
    mask |= std::uint64_t{1} << core;
  }
  return mask;
}

std::vector<Op> ScenarioDecoder::decode_ops(const toml::node& n, const std::string& owner) {
  std::vector<Op> ops;
  for (const toml::node& op : d_.array(n, fmt::format("the program of {}", owner))) {
    decode_op(op, owner, ops);
  }
  return ops;
}

namespace {

/// The kinds of op: the key that names each, how the errors call it, every key
/// it takes, and its decoder. The one list of ops the loader knows.
struct OpSyntax {
  std::string_view key;
  std::string_view what;
  std::vector<std::string_view> keys;
  void (ScenarioDecoder::*decode)(const ScenarioDecoder::OpArgs&, std::vector<Op>&);
};

const std::vector<OpSyntax>& op_table() {
  using D = ScenarioDecoder;
  static const std::vector<OpSyntax> kOps = {
      {"python", "a python op", {"python", "loop_body", "ticks"}, &D::decode_python},
      {"native", "a native op", {"native", "holds_gil", "touches", "times"}, &D::decode_native},
      {"io", "an io op", {"io"}, &D::decode_io},
      {"sleep", "a sleep op", {"sleep"}, &D::decode_sleep},
      {"repeat", "a repeat op", {"repeat", "name", "body"}, &D::decode_repeat},
      {"rmw", "an rmw op", {"rmw", "window", "call", "times", "ticks"}, &D::decode_rmw},
      {"incref", "an incref op", {"incref"}, &D::decode_incref},
      {"decref", "a decref op", {"decref"}, &D::decode_decref},
      {"borrow", "a borrow op", {"borrow", "hold"}, &D::decode_borrow},
      {"send", "a send op", {"send"}, &D::decode_send},
      {"recv", "a recv op", {"recv"}, &D::decode_recv},
  };
  return kOps;
}

/// Every key any op takes: the kinds first, then the others in table order.
std::vector<std::string_view> all_op_keys() {
  std::vector<std::string_view> keys;
  for (const OpSyntax& op : op_table()) keys.push_back(op.key);
  for (const OpSyntax& op : op_table()) {
    for (std::string_view k : op.keys) {
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
  }
  return keys;
}

std::string op_kind_names() {
  std::string names;
  for (const OpSyntax& op : op_table()) names += (names.empty() ? "" : ", ") + std::string(op.key);
  return names;
}

}  // namespace

/// Appends the op(s) `n` describes to `out` (a borrow is three ops).
void ScenarioDecoder::decode_op(const toml::node& n, const std::string& owner,
                                std::vector<Op>& out) {
  if (!n.is_table()) {
    d_.fail(&n, fmt::format("each op of {} must be an inline table such as {{ python = 1000 }}, "
                            "not {}",
                            owner, TomlDecoder::type_name(n)));
  }
  const toml::table& t = *n.as_table();
  const OpSyntax* kind = nullptr;
  int kinds = 0;
  for (const OpSyntax& op : op_table()) {
    if (t.contains(op.key)) kind = &op, ++kinds;
  }
  if (kinds != 1) {
    d_.check_keys(t, all_op_keys(), "an op");
    d_.fail(&n, "an op needs exactly one of " + op_kind_names());
  }
  d_.check_keys(t, kind->keys, kind->what);
  (this->*kind->decode)(OpArgs{n, t, *t.get(kind->key), owner}, out);
}

void ScenarioDecoder::decode_python(const OpArgs& a, std::vector<Op>& out) {
  Op op;
  op.kind = OpKind::kPython;
  if (a.v.is_integer()) {
    op.instructions = instruction_count(a.v, "python (instructions)");
  } else if (a.v.is_string() && a.v.as_string()->get() == "forever") {
    op.forever = true;
  } else {
    op.duration = d_.distribution(a.v, "python");
  }
  if (auto* lb = a.t.get("loop_body")) op.loop_body = d_.integer(*lb, "loop_body", 1, 1'000'000'000);
  if (auto* tk = a.t.get("ticks")) op.ticks = d_.integer(*tk, "ticks", 1, 1'000'000'000);
  out.push_back(std::move(op));
}

void ScenarioDecoder::decode_native(const OpArgs& a, std::vector<Op>& out) {
  Op op;
  op.kind = OpKind::kNative;
  op.duration = d_.distribution(a.v, "native");
  if (auto* h = a.t.get("holds_gil")) op.holds_gil = d_.boolean(*h, "holds_gil");
  if (auto* x = a.t.get("touches")) op.shared = shared_ref(*x, "native ... touches", true);
  if (auto* x = a.t.get("times")) {
    if (op.shared < 0) d_.fail(x, "'times' on a native op counts its 'touches'");
    op.times = d_.integer(*x, "times", 1, kNever / 1024);
  }
  out.push_back(std::move(op));
}

void ScenarioDecoder::decode_io(const OpArgs& a, std::vector<Op>& out) {
  Op op;
  op.kind = OpKind::kIo;
  op.duration = d_.distribution(a.v, "io");
  out.push_back(std::move(op));
}

void ScenarioDecoder::decode_send(const OpArgs& a, std::vector<Op>& out) {
  Op op;
  op.kind = OpKind::kSend;
  op.pipe = pipe_ref(a.v, "send");
  out.push_back(std::move(op));
}

void ScenarioDecoder::decode_recv(const OpArgs& a, std::vector<Op>& out) {
  Op op;
  op.kind = OpKind::kRecv;
  op.pipe = pipe_ref(a.v, "recv");
  out.push_back(std::move(op));
}

void ScenarioDecoder::decode_sleep(const OpArgs& a, std::vector<Op>& out) {
  Op op;
  op.kind = OpKind::kSleep;
  op.duration = d_.distribution(a.v, "sleep");
  out.push_back(std::move(op));
}

void ScenarioDecoder::decode_repeat(const OpArgs& a, std::vector<Op>& out) {
  Op op;
  op.kind = OpKind::kRepeat;
  if (a.v.is_string() && a.v.as_string()->get() == "forever") {
    op.forever = true;
  } else if (a.v.is_string()) {
    d_.fail(&a.v, "repeat must be a number of iterations or \"forever\"");
  } else {
    op.repeat = d_.integer(a.v, "repeat", 1, kNever);
  }
  if (auto* name = a.t.get("name")) op.loop_id = loop_id(d_.name(*name, "the name of a repeat"));
  const toml::node* body = a.t.get("body");
  if (!body) d_.fail(&a.n, "a repeat op needs a body, e.g. body = [ { python = 100 } ]");
  op.body = decode_ops(*body, a.owner);
  if (op.body.empty()) d_.fail(body, "a repeat op needs at least one op in its body");
  out.push_back(std::move(op));
}

void ScenarioDecoder::decode_rmw(const OpArgs& a, std::vector<Op>& out) {
  Op op;
  op.kind = OpKind::kRmw;
  op.shared = shared_ref(a.v, "rmw", false);
  if (auto* w = a.t.get("window")) op.window = d_.integer(*w, "window", 0, 1'000'000'000);
  if (auto* c = a.t.get("call")) op.call = d_.boolean(*c, "call");
  if (auto* x = a.t.get("times")) op.times = d_.integer(*x, "times", 1, kNever / 1024);
  if (auto* tk = a.t.get("ticks")) op.ticks = d_.integer(*tk, "ticks", 1, 1'000'000'000);
  out.push_back(std::move(op));
}

void ScenarioDecoder::decode_incref(const OpArgs& a, std::vector<Op>& out) {
  Op op;
  op.kind = OpKind::kIncref;
  op.shared = shared_ref(a.v, "incref", true);
  out.push_back(std::move(op));
}

void ScenarioDecoder::decode_decref(const OpArgs& a, std::vector<Op>& out) {
  Op op;
  op.kind = OpKind::kDecref;
  op.shared = shared_ref(a.v, "decref", true);
  out.push_back(std::move(op));
}

/// incref, then what it holds (if anything), then decref.
void ScenarioDecoder::decode_borrow(const OpArgs& a, std::vector<Op>& out) {
  Op inc;
  inc.kind = OpKind::kIncref;
  inc.shared = shared_ref(a.v, "borrow", true);
  Op dec = inc;
  dec.kind = OpKind::kDecref;
  out.push_back(inc);
  if (const toml::node* h = a.t.get("hold")) {
    Op hold;
    if (h->is_integer()) {
      hold.instructions = instruction_count(*h, "hold (instructions)");
    } else {
      hold.duration = d_.distribution(*h, "hold");
    }
    out.push_back(std::move(hold));
  }
  out.push_back(dec);
}

std::int64_t ScenarioDecoder::instruction_count(const toml::node& n, std::string_view what) const {
  const std::int64_t most = kMaxDuration / instruction_time_;
  const std::int64_t count = d_.integer(n, what, 1, INT64_MAX);
  if (count > most) {
    d_.fail(&n, fmt::format("{} instructions at {} each take longer than {}, the longest an op "
                            "may run; use at most {}",
                            count, format_duration(instruction_time_),
                            format_duration(kMaxDuration), most));
  }
  return count;
}

int ScenarioDecoder::loop_id(const std::string& name) {
  for (std::size_t i = 0; i < out_.loop_names.size(); ++i) {
    if (out_.loop_names[i] == name) return static_cast<int>(i);
  }
  out_.loop_names.push_back(name);
  return static_cast<int>(out_.loop_names.size() - 1);
}

}  // namespace gilsim::detail
