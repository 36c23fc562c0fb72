#!/usr/bin/env bash
# Regenerates tests/golden/*.json from the scenarios. Run after a deliberate model
# change, then read `git diff tests/golden` before committing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build"}
GILSIM_UPDATE_GOLDEN=1 "$build/tests/gilsim_tests" "scenarios: every file loads and runs and matches its golden report"
git -C "$here" status --short tests/golden
