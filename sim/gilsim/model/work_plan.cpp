#include "gilsim/model/work_plan.hpp"

#include <algorithm>

#include "gilsim/core/assert.hpp"

namespace gilsim {

std::int64_t SiteGrid::count_upto(Tick w) const {
  if (period == 0) return 0;
  if (n == 1 && offsets[0] == period) return w / period;  // a site at every period's end
  std::int64_t c = (w / period) * n;
  for (int i = 0; i < n; ++i) c += offsets[i] <= w % period;
  return c;
}

Tick SiteGrid::nth_after(Tick w, std::int64_t k) const {
  const std::int64_t index = count_upto(w) + k - 1;
  return std::min(kNever, saturating_mul(index / n, period) + offsets[index % n]);
}

std::int64_t WorkPlan::instructions_at(Tick w) const {
  if (instructions_per_period == 1) return w / instruction_period;  // plain bytecode
  return w / instruction_period * instructions_per_period +
         (w % instruction_period) * instructions_per_period / instruction_period;
}

Tick WorkPlan::access_position(std::int64_t k) const {
  const auto n = static_cast<std::int64_t>(accesses.size());
  const std::int64_t period = k / n;
  Tick position = saturating_mul(period, access_period) + accesses[k % n].offset;
  if (access_jitter > 0) {  // the same shift for all accesses of one period
    std::uint64_t key = jitter_key + static_cast<std::uint64_t>(period);
    position += static_cast<Tick>(splitmix64(key) % static_cast<std::uint64_t>(access_jitter));
  }
  return position;
}

namespace {

/// What a refcount update costs thread `t` under its interpreter's model.
Tick refcount_cost(const InterpreterConfig& in, const SharedSpec& obj, ThreadId t) {
  if (obj.immortal) return 0;
  switch (in.refcount) {
    case RefcountModel::kPlain:
      return 0;
    case RefcountModel::kAtomic:
      return in.atomic_cost;
    case RefcountModel::kBiased:
      return obj.owner == t ? in.biased_local_cost : in.atomic_cost;
  }
  return 0;
}

/// A refcount update at `at`: plain counts read refcount_window before they
/// write; atomic and biased ones cannot be interleaved; immortal ones never write.
void add_refcount_update(WorkPlan& w, const InterpreterConfig& in, const SharedSpec& obj, Tick at,
                         Update u) {
  if (obj.immortal) return;  // PEP 683: Py_INCREF/Py_DECREF leave it alone
  if (in.refcount == RefcountModel::kPlain) {
    const Tick window = std::min(in.refcount_window, at);
    w.accesses.push_back({at - window, Access::Kind::kRead, u});
    w.accesses.push_back({at, Access::Kind::kWrite, u});
  } else {
    w.accesses.push_back({at, Access::Kind::kAtomic, u});
  }
}

void plan_python(WorkPlan& w, const Op& op, const InterpreterConfig& in, Rng& rng) {
  if (op.forever) {
    w.length = kNever;
  } else if (op.instructions > 0) {
    w.length = saturating_mul(op.instructions, in.instruction_time);
  } else {
    w.length = op.duration.sample(rng);
  }
  const std::int64_t body = op.loop_body > 0 ? op.loop_body : in.loop_body;
  const Tick iteration = saturating_mul(body, in.instruction_time);
  switch (in.check_sites) {
    case CheckSites::kInstruction:
      w.sites = SiteGrid::every(in.instruction_time);
      break;
    case CheckSites::kLoop:
      w.sites = SiteGrid::every(iteration);
      break;
    case CheckSites::kTick:
      w.sites =
          SiteGrid::every(std::max<Tick>(1, iteration / (op.ticks > 0 ? op.ticks : in.loop_ticks)));
      break;
  }
}

// `x += 1`, op.times times: LOAD_GLOBAL (the read), `window` bytecodes, STORE_GLOBAL
// (the write), then the loop's back-edge: an iteration of window + 2 bytecodes.
void plan_rmw(WorkPlan& w, const Op& op, const InterpreterConfig& in, const SharedSpec& var) {
  const Tick read_at = in.instruction_time;
  const Tick write_at = saturating_mul(op.window + 2, in.instruction_time);
  const Tick iteration = write_at + (var.atomic ? in.atomic_cost : 0);
  w.length = saturating_mul(op.times, iteration);
  w.instructions_per_period = op.window + 2;
  w.instruction_period = iteration;
  w.access_period = iteration;
  if (var.atomic) {
    w.accesses.push_back({iteration, Access::Kind::kAtomic, Update::kIncrement});
  } else {
    w.accesses.push_back({read_at, Access::Kind::kRead, Update::kIncrement});
    w.accesses.push_back({iteration, Access::Kind::kWrite, Update::kIncrement});
  }
  w.access_total = saturating_mul(op.times, static_cast<Tick>(w.accesses.size()));
  // Check sites (GIL_MODEL.md 5): every bytecode up to 3.9; only the back-edge
  // from 3.10, plus the call's check if the window has a call; the old GIL's
  // ticks spread over the iteration (4 for `counter += 1`: two inside the window).
  switch (in.check_sites) {
    case CheckSites::kInstruction:
      w.sites = SiteGrid::every(var.atomic ? iteration : in.instruction_time);
      break;
    case CheckSites::kLoop:
      w.sites = SiteGrid::every(iteration);
      if (op.call) {
        w.sites.offsets = {read_at + (write_at - read_at) / 2, iteration, 0, 0};
        w.sites.n = 2;
      }
      break;
    case CheckSites::kTick: {
      const std::int64_t ticks = op.ticks > 0 ? op.ticks : 4;
      if (ticks > 4) {
        w.sites = SiteGrid::every(std::max<Tick>(1, iteration / ticks));
      } else {
        w.sites.period = iteration;
        w.sites.n = static_cast<int>(ticks);
        for (int i = 0; i < w.sites.n; ++i) w.sites.offsets[i] = iteration * (i + 1) / ticks;
      }
      break;
    }
  }
}

// Py_INCREF / Py_DECREF as one bytecode's worth of work; the update sits at its end.
void plan_refcount_op(WorkPlan& w, const Op& op, const InterpreterConfig& in, const SharedSpec& obj,
                      ThreadId t) {
  const Update u = op.kind == OpKind::kIncref ? Update::kIncrement : Update::kDecrement;
  const Tick end = in.instruction_time + refcount_cost(in, obj, t);
  w.length = end;
  w.instruction_period = end;
  w.access_period = end;
  add_refcount_update(w, in, obj, end, u);
  w.access_total = static_cast<std::int64_t>(w.accesses.size());
  if (in.check_sites != CheckSites::kLoop) w.sites = SiteGrid::every(end);
}

// The classic buggy C extension: Py_INCREF/Py_DECREF pairs on an object while
// the GIL is released (or, free-threaded, alongside other threads).
void plan_native_touches(WorkPlan& w, const Op& op, const InterpreterConfig& in,
                         const SharedSpec& obj) {
  const Tick period = std::max<Tick>(4, w.length / std::max<std::int64_t>(op.times, 1));
  w.access_period = period;
  // C code does not touch memory on a metronome: without jitter two periodic
  // threads could keep a fixed phase and never (or always) collide.
  w.access_jitter = period / 4;
  add_refcount_update(w, in, obj, period / 4, Update::kIncrement);
  add_refcount_update(w, in, obj, 3 * period / 4, Update::kDecrement);
  const auto per_period = static_cast<Tick>(w.accesses.size());
  w.access_total =
      std::min(saturating_mul(op.times, per_period), saturating_mul(w.length / period, per_period));
}

}  // namespace

WorkPlan plan_work(const Op& op, const InterpreterConfig& in, const std::vector<SharedSpec>& shared,
                   ThreadId t, Rng& rng, std::uint64_t jitter_key) {
  WorkPlan w;
  w.instructions_per_period = 1;
  w.instruction_period = in.instruction_time;
  w.access_item = op.shared;
  w.jitter_key = jitter_key;
  const SharedSpec* item = op.shared >= 0 ? &shared[static_cast<std::size_t>(op.shared)] : nullptr;
  switch (op.kind) {
    case OpKind::kPython:
      plan_python(w, op, in, rng);
      break;
    case OpKind::kRmw:
      plan_rmw(w, op, in, *item);
      break;
    case OpKind::kIncref:
    case OpKind::kDecref:
      plan_refcount_op(w, op, in, *item, t);
      break;
    case OpKind::kNative:
      w.kind = op.holds_gil ? WorkKind::kNativeHoldingGil : WorkKind::kNativeWithoutGil;
      w.instructions_per_period = 0;
      w.length = op.duration.sample(rng);
      if (item) plan_native_touches(w, op, in, *item);
      break;
    case OpKind::kIo:
    case OpKind::kSleep:
    case OpKind::kSend:
    case OpKind::kRecv:
    case OpKind::kRepeat:
      GILSIM_ASSERT(false, "no work in a blocking, pipe or repeat op");
  }
  return w;
}

}  // namespace gilsim
