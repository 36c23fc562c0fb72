#!/usr/bin/env bash
# docs/validation.md's real-vs-simulated tables come from the recorded
# measurements: regenerating each section from tests/real_cpython/recorded/
# (validate.py, the same command as in the doc) must leave the doc unchanged,
# so a model change that moves a figure fails here until the doc says so.
set -eu
gilsim=$1
root=$2
command -v python3 > /dev/null || exit 77
recorded=$root/tests/real_cpython/recorded
doc=$(mktemp)
trap 'rm -f "$doc"' EXIT
cp "$root/docs/validation.md" "$doc"
# section (empty: the first table) and the instance it was measured on
while read -r section instance; do
  [ "$section" = - ] && section=""
  python3 "$root/tests/real_cpython/validate.py" --gilsim "$gilsim" \
    --real "$recorded/devvm-$instance.json" --machine default --machine ideal \
    --machine "$recorded/calibrated-devvm-$instance.toml" \
    --markdown "$doc" ${section:+--section "$section"} > /dev/null
done <<'LIST'
- 2026-12-01
day2 2026-12-02
day3 2026-12-02-amd
day4 2026-12-02-amd2
day5 2026-12-02-amd3
day6 2026-12-03-amd
LIST
# One instance measured in ten passes: how far its passes agree, and the
# model against all their repetitions pooled.
passes=$(echo "$recorded"/devvm-2026-12-03-amd.json "$recorded"/passes-2026-12-03-amd/pass-*.json)
python3 "$root/tests/real_cpython/reproducibility.py" $passes \
  --markdown "$doc" --section day6-passes > /dev/null
python3 "$root/tests/real_cpython/validate.py" --gilsim "$gilsim" \
  $(for p in $passes; do echo --real "$p"; done) --machine default --machine ideal \
  --machine "$recorded/calibrated-devvm-2026-12-03-amd.toml" \
  --machine "$recorded/probes-2026-12-03-amd/calibrated-from-three-probes.toml" \
  --machine "$recorded/probes-2026-12-03-amd/three-probes-no-relock.toml" \
  --markdown "$doc" --section day6-pooled > /dev/null
diff -u "$root/docs/validation.md" "$doc"
