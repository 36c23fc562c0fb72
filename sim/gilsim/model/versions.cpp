#include "gilsim/model/versions.hpp"

namespace gilsim {

namespace {
constexpr Tick k5ms = 5 * kMillisecond;  // DEFAULT_INTERVAL 5000 us (ceval_gil.c)
}

const std::vector<VersionPreset>& version_presets() {
  constexpr auto kTick = CheckSites::kTick;
  constexpr auto kInstr = CheckSites::kInstruction;
  constexpr auto kLoop = CheckSites::kLoop;
  constexpr auto kFlag = DropRequestScope::kInterpreter;
  constexpr auto kBit = DropRequestScope::kThread;
  constexpr auto kPlainRc = RefcountModel::kPlain;
  constexpr auto kBrc = RefcountModel::kBiased;
  static const std::vector<VersionPreset> kPresets = {
      {"2.2", "check-interval", k5ms, 10, kTick, kFlag, kPlainRc,
       "old GIL: release and re-take every 10 ticks"},
      {"2.7", "check-interval", k5ms, 100, kTick, kFlag, kPlainRc,
       "old GIL: every 100 ticks (the interval grew from 10 to 100 in 2.3)"},
      {"3.1", "check-interval", k5ms, 100, kTick, kFlag, kPlainRc, "old GIL, as 2.7"},
      {"3.2", "timed-switch", k5ms, 100, kInstr, kFlag, kPlainRc,
       "new GIL (Pitrou, 2009): timed wait, drop request, FORCE_SWITCHING; breaker at the loop "
       "top"},
      {"3.3", "timed-switch", k5ms, 100, kInstr, kFlag, kPlainRc, "as 3.2"},
      {"3.4", "timed-switch", k5ms, 100, kInstr, kFlag, kPlainRc, "as 3.2"},
      {"3.5", "timed-switch", k5ms, 100, kInstr, kFlag, kPlainRc, "as 3.2"},
      {"3.6", "timed-switch", k5ms, 100, kInstr, kFlag, kPlainRc, "as 3.2"},
      {"3.7", "timed-switch", k5ms, 100, kInstr, kFlag, kPlainRc,
       "GIL state moves to _PyRuntime; as 3.2"},
      {"3.8", "timed-switch", k5ms, 100, kInstr, kFlag, kPlainRc, "as 3.2"},
      {"3.9", "timed-switch", k5ms, 100, kInstr, kFlag, kPlainRc,
       "as 3.2; nearly every instruction checks the breaker (DISPATCH)"},
      {"3.10", "timed-switch", k5ms, 100, kLoop, kFlag, kPlainRc,
       "bpo-29988: breaker checked only on back-edges and calls"},
      {"3.11", "timed-switch", k5ms, 100, kLoop, kFlag, kPlainRc,
       "checks in RESUME, JUMP_BACKWARD and the CALL family"},
      {"3.12", "timed-switch", k5ms, 100, kLoop, kFlag, kPlainRc,
       "PEP 684: a GIL per interpreter; PEP 683: immortal objects"},
      {"3.13", "timed-switch", k5ms, 100, kLoop, kBit, kPlainRc,
       "gh-112175: the drop request is a bit in the holder's own eval_breaker"},
      {"3.13t", "none", k5ms, 100, kLoop, kBit, kBrc,
       "PEP 703 free-threaded build: no GIL, biased reference counting"},
  };
  return kPresets;
}

const VersionPreset* find_version(std::string_view version) {
  for (const VersionPreset& p : version_presets()) {
    if (p.version == version) return &p;
  }
  return nullptr;
}

void apply_preset(const VersionPreset& preset, InterpreterConfig& interp) {
  interp.version = std::string(preset.version);
  interp.gil = std::string(preset.gil);
  interp.switch_interval = preset.switch_interval;
  interp.check_interval = preset.check_interval;
  interp.check_sites = preset.check_sites;
  interp.drop_request = preset.drop_request;
  interp.refcount = preset.refcount;
}

}  // namespace gilsim
