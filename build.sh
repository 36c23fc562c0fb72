#!/usr/bin/env bash
# gilsim's one-stop build script, for a fresh Debian 12 machine or a developer's.
#
#   ./build.sh demo   install what is missing, build, run scenarios/convoy.toml
#   ./build.sh test   install what is missing (with Chromium and Jupyter's Python
#                     packages, for the HTML and notebook tests), build,
#                     run the whole test suite
#   ./build.sh bench  install what is missing, build, run the benchmark
#   ./build.sh validate
#                     install what is missing, build, measure real CPython on
#                     this machine (tests/real_cpython/experiments.py, ~3 min,
#                     needs python3) and compare it with gilsim, rewriting the
#                     table in docs/validation.md; also probes the machine and
#                     calibrates a profile (gilsim probe, gilsim calibrate) for
#                     the table's third column. GILSIM_REAL=FILE.json compares a
#                     recorded measurement (and the recorded calibrated profile).
#
# Only packages that are not installed yet are installed (apt-get, as root or
# through sudo). The build goes to ./build (override with GILSIM_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")"

action=${1:-demo}
case "$action" in
  demo|test|bench|validate) ;;
  *) echo "usage: $0 demo|test|bench|validate" >&2; exit 2 ;;
esac

packages=(g++ cmake make catch2 libfmt-dev librange-v3-dev libtomlplusplus-dev)
# The test suite also renders the HTML report in headless Chromium, and checks
# the exported notebooks with Jupyter's validator and by running them in a kernel.
[ "$action" = test ] && packages+=(chromium python3-nbformat python3-nbclient python3-ipykernel)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build=${GILSIM_BUILD_DIR:-build}
jobs=$(nproc 2>/dev/null || echo 2)
echo "== building in $build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$jobs"

case "$action" in
  demo)
    echo "== gilsim run scenarios/convoy.toml"
    "$build/sim/gilsim" run scenarios/convoy.toml
    ;;
  test)
    echo "== running the test suite"
    cd "$build" && ctest --output-on-failure --no-tests=error -j"$jobs"
    ;;
  bench)
    "$build/bench/gilsim_bench"
    ;;
  validate)
    real=${GILSIM_REAL:-}
    profile=tests/real_cpython/recorded/calibrated-devvm-2026-12-01.toml
    if [ -z "$real" ]; then
      real="$build/real-cpython.json"
      echo "== measuring real CPython (tests/real_cpython/experiments.py)"
      python3 tests/real_cpython/experiments.py > "$real"
      echo "== probing this machine and calibrating a profile (gilsim probe, gilsim calibrate)"
      "$build/sim/gilsim" probe > "$build/probe.py"
      python3 "$build/probe.py" > "$build/probe.json"
      profile="$build/calibrated.toml"
      "$build/sim/gilsim" calibrate "$build/probe.json" -o "$profile"
    fi
    echo "== real CPython against gilsim ($real)"
    python3 tests/real_cpython/validate.py --gilsim "$build/sim/gilsim" --real "$real" \
      --machine default --machine ideal --machine "$(realpath "$profile")" \
      --markdown docs/validation.md
    ;;
esac
