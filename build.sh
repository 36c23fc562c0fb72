#!/usr/bin/env bash
# gilsim's one-stop build script, for a fresh Debian 12 machine or a developer's.
#
#   ./build.sh demo   install what is missing, build, run scenarios/convoy.toml
#   ./build.sh web    install what is missing (emscripten, node and npm), build
#                     the web lab into build/web/: open build/web/index.html
#                     (docs/web.md)
#   ./build.sh test   install what is missing (with Chromium and Jupyter's Python
#                     packages, for the HTML and notebook tests), build the CLI
#                     and the Python module, run the whole test suite (the web
#                     lab's tests are skipped until `web` or `check` built it)
#   ./build.sh bench  install what is missing, build, run the benchmark
#   ./build.sh fuzz [SECONDS]
#                     install clang, build the libFuzzer target with ASan and
#                     UBSan into build-fuzz/, and fuzz the scenario loader and a
#                     bounded run for SECONDS (default 60). The corpus grows in
#                     build-fuzz/corpus (seeded from scenarios/, the labs and
#                     tests/); a crash is written to build-fuzz/findings/: keep
#                     it in tests/fuzz/regressions/ once it is fixed.
#   ./build.sh check  the heavier checks CI runs after `test`: the whole test suite
#                     built with AddressSanitizer and UndefinedBehaviorSanitizer
#                     (g++, build-asan/), then a clang build (build-clang/) whose
#                     goldens must pass and whose report for every scenario must
#                     equal g++'s byte for byte, the web lab built and its tests
#                     run (WebAssembly against the CLI, the page in headless
#                     Chromium), and the Python module installed
#                     from a clean clone with `pip install --no-build-isolation .`
#                     in a venv, offline, printing the CLI's number, and a
#                     60 s fuzz smoke run (`fuzz` below)
#   ./build.sh validate
#                     install what is missing, build, measure real CPython on
#                     this machine (tests/real_cpython/experiments.py, ~3 min,
#                     needs python3) and compare it with gilsim, rewriting the
#                     table in docs/validation.md; also probes the machine three
#                     times and calibrates a profile (gilsim probe, gilsim calibrate) for
#                     the table's third column. GILSIM_PASSES=N measures N passes
#                     (N times ~1-3 min), prints how far they agree
#                     (reproducibility.py) and compares gilsim with them pooled.
#                     GILSIM_REAL="FILE.json..." compares recorded passes (and
#                     the recorded calibrated profile).
#
# Only packages that are not installed yet are installed (apt-get, as root or
# through sudo). The build goes to ./build (override with GILSIM_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")"

action=${1:-demo}
case "$action" in
  demo|test|web|bench|validate|fuzz|check) ;;
  *) echo "usage: $0 demo|test|web|bench|validate|check|fuzz [SECONDS]" >&2; exit 2 ;;
esac

packages=(g++ cmake make catch2 libfmt-dev librange-v3-dev libtomlplusplus-dev)
# The Python module (sim/python/, docs/python.md): built with the rest, and
# installable with pip from a venv (Debian's python3 refuses system-wide pip).
packages+=(pybind11-dev python3-dev python3-venv)
# The test suite also renders the HTML report in headless Chromium, checks the
# exported notebooks with Jupyter's validator and by running them in a kernel,
# and validates JUnit output against its schema with xmllint.
[ "$action" = test ] && packages+=(chromium python3-nbformat python3-nbclient python3-ipykernel libxml2-utils parallel)
# The web lab: Debian's emscripten, and node and npm unless some are on the PATH
# already (a node from elsewhere conflicts with Debian's npm package).
if [ "$action" = web ] || [ "$action" = check ]; then
  packages+=(emscripten)
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi
[ "$action" = fuzz ] && packages+=(clang)
[ "$action" = check ] && packages+=(clang chromium python3-nbformat python3-nbclient python3-ipykernel libxml2-utils)
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

jobs=$(nproc 2>/dev/null || echo 2)
build=${GILSIM_BUILD_DIR:-build}

# The web lab: the library as WebAssembly, the page's npm packages (from the
# committed package-lock), and the static site in $build/web.
build_web() {
  local wasm=${GILSIM_WEB_BUILD_DIR:-build-web}
  echo "== building the library as WebAssembly in $wasm (emscripten)"
  # Debian's emscripten finds its node modules (acorn) in /usr/share/nodejs,
  # where a node not from Debian does not look.
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
  emcmake cmake -S . -B "$wasm" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$wasm" -j"$jobs"
  echo "== the page's packages (npm ci) and the site in $build/web"
  (cd sim/web && npm ci --no-audit --no-fund --loglevel=error)
  node sim/web/build.mjs --wasm "$wasm/sim/web/gilsim.js" --out "$build/web"
}

if [ "$action" = web ]; then
  build_web
  echo "== open $build/web/index.html in a browser (docs/web.md)"
  exit 0
fi

# Builds the libFuzzer target (clang, ASan, UBSan) and fuzzes the scenario
# loader, --set and a short run for $1 seconds; a crash fails it, and its input
# is left in $fuzz/findings/.
run_fuzz() {
  local seconds=$1 fuzz=${GILSIM_FUZZ_DIR:-build-fuzz}
  echo "== building the fuzz target in $fuzz (clang, ASan, UBSan, libFuzzer)"
  local flags="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined"
  flags+=" -fno-omit-frame-pointer -DGILSIM_ABORT_ON_ASSERT"
  cmake -S . -B "$fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS="$flags" -DGILSIM_BUILD_FUZZ=ON -DGILSIM_BUILD_TESTS=ON -DGILSIM_BUILD_PYTHON=OFF \
    -DGILSIM_BUILD_BENCH=OFF >/dev/null
  cmake --build "$fuzz" -j"$jobs" --target gilsim_fuzz
  mkdir -p "$fuzz/corpus" "$fuzz/seeds" "$fuzz/findings"
  find scenarios docs/labs/solutions tests/labs tests/fuzz/regressions tests/real_cpython/twins \
    -name '*.toml' -exec cp {} "$fuzz/seeds/" \;
  echo "== fuzzing for $seconds s (corpus: $fuzz/corpus, findings: $fuzz/findings)"
  "$fuzz/tests/gilsim_fuzz" "$fuzz/corpus" "$fuzz/seeds" -dict=tests/fuzz/scenario.dict \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -artifact_prefix="$fuzz/findings/" -print_final_stats=1
}

if [ "$action" = fuzz ]; then
  run_fuzz "${2:-60}"
  exit 0
fi

if [ "$action" = check ]; then
  started=$(date +%s)
  asan=${GILSIM_ASAN_DIR:-build-asan}
  echo "== building with ASan and UBSan in $asan (g++)"
  # No Python module here: a sanitized extension does not load into a plain python3.
  # _GLIBCXX_ASSERTIONS: libstdc++ checks every container index, which UBSan
  # misses when the out-of-range element is never read (g++ passed a vector
  # indexed with -1 that clang's fuzz build caught).
  cmake -S . -B "$asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGILSIM_BUILD_BENCH=OFF -DGILSIM_BUILD_PYTHON=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS" \
    >/dev/null
  cmake --build "$asan" -j"$jobs"
  echo "== the whole test suite under ASan and UBSan"
  # Any report fails the run: UBSan aborts (no recovery) and ASan's exit code fails the test.
  # But the regeneration of docs/validation.md's tables: ~1,600 runs of scenarios
  # the rest of the suite covers, which `./build.sh test` checks already.
  (cd "$asan" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     ctest --output-on-failure --no-tests=error -j"$jobs" -E "^validation:")
  clang_build=${GILSIM_CLANG_DIR:-build-clang}
  gcc_build=${GILSIM_BUILD_DIR:-build}
  echo "== building with clang in $clang_build, and with g++ in $gcc_build"
  cmake -S . -B "$clang_build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
    -DGILSIM_BUILD_BENCH=OFF -DGILSIM_BUILD_PYTHON=OFF >/dev/null
  cmake --build "$clang_build" -j"$jobs"
  cmake -S . -B "$gcc_build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$gcc_build" -j"$jobs"
  echo "== clang's goldens"
  (cd "$clang_build" && ctest --output-on-failure --no-tests=error -j"$jobs" -R "golden")
  echo "== clang and g++ agree byte for byte on every scenario"
  compared=0
  while IFS= read -r -d '' file; do
    case "$file" in */machines/*) continue ;; esac
    for format in json csv table; do
      if ! cmp -s <("$gcc_build/sim/gilsim" run "$file" --format "$format" 2>&1) \
                  <("$clang_build/sim/gilsim" run "$file" --format "$format" 2>&1); then
        echo "clang and g++ differ: gilsim run $file --format $format" >&2
        exit 1
      fi
      compared=$((compared + 1))
    done
  done < <(find scenarios -name '*.toml' -print0 | sort -z)
  echo "clang and g++ agree on $compared reports"
  build_web
  echo "== the web lab's tests"
  (cd "$gcc_build" && ctest --output-on-failure --no-tests=error -R "^web:")
  echo "== the Python module from a clean clone: pip install --no-build-isolation . in a venv"
  clone=$(mktemp -d)
  git clone -q . "$clone/gilsim"
  python3=/usr/bin/python3
  "$python3" -m venv --system-site-packages "$clone/venv"
  (cd "$clone/gilsim" && "$clone/venv/bin/pip" install -q --no-build-isolation --no-index .)
  from_python=$(cd "$clone/gilsim" && "$clone/venv/bin/python3" -c \
    "import gilsim; print(gilsim.run('scenarios/convoy.toml').metrics['gil_switches'])")
  from_cli=$("$gcc_build/sim/gilsim" run scenarios/convoy.toml --format json |
    "$python3" -c "import json, sys; print(json.load(sys.stdin)['metrics']['gil_switches'])")
  rm -rf "$clone"
  if [ "$from_python" != "$from_cli" ]; then
    echo "the installed module says $from_python GIL switches, the CLI $from_cli" >&2
    exit 1
  fi
  echo "the installed module and the CLI both say $from_cli GIL switches"
  run_fuzz 60
  echo "== check done in $(( $(date +%s) - started )) s"
  exit 0
fi

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
    reals=(${GILSIM_REAL:-})
    profile=tests/real_cpython/recorded/calibrated-devvm-2026-12-01.toml
    if [ ${#reals[@]} -eq 0 ]; then
      for pass in $(seq "${GILSIM_PASSES:-1}"); do
        reals+=("$build/real-cpython-$pass.json")
        echo "== measuring real CPython, pass $pass (tests/real_cpython/experiments.py)"
        python3 tests/real_cpython/experiments.py > "${reals[-1]}"
      done
      if [ ${#reals[@]} -gt 1 ]; then
        echo "== how far the passes agree"
        python3 tests/real_cpython/reproducibility.py "${reals[@]}"
      fi
      echo "== probing this machine three times and calibrating a profile (gilsim probe, gilsim calibrate)"
      "$build/sim/gilsim" probe > "$build/probe.py"
      probes=()
      for n in 1 2 3; do
        probes+=("$build/probe-$n.json")
        python3 "$build/probe.py" > "${probes[-1]}"
      done
      profile="$build/calibrated.toml"
      "$build/sim/gilsim" calibrate "${probes[@]}" -o "$profile"
    fi
    echo "== real CPython against gilsim (${reals[*]})"
    real_args=()
    for real in "${reals[@]}"; do real_args+=(--real "$real"); done
    python3 tests/real_cpython/validate.py --gilsim "$build/sim/gilsim" "${real_args[@]}" \
      --machine default --machine ideal --machine "$(realpath "$profile")" \
      --markdown docs/validation.md
    ;;
esac
