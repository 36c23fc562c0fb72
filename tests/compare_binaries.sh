#!/usr/bin/env bash
# Two gilsim binaries, the same outputs: every scenario's report as a table,
# JSON and CSV (with a timeline and a Chrome trace), every variant, and every
# lab command's output and pictures (through `gilsim notebook`, which runs them
# all). For refactorings that must not change a byte:
#
#   cp build/sim/gilsim /tmp/gilsim-old   # before the change
#   ... change, rebuild ...
#   tests/compare_binaries.sh /tmp/gilsim-old build/sim/gilsim
#
# With --ignore-event-counts, the number of events the engine handled may
# differ (a change that spares the engine events that did nothing, such as
# stale timers) and every other byte must agree.
set -uo pipefail
ignore_events=false
if [ "${1:-}" = --ignore-event-counts ]; then ignore_events=true; shift; fi
old=$(realpath "$1")
new=$(realpath "$2")
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
differ=0 compared=0
same() {  # same LABEL COMMAND...: runs the command with each binary, in a scratch folder each
  local label=$1
  shift
  for side in old new; do
    mkdir -p "$work/$side" && rm -rf "$work/$side"/*
    (cd "$work/$side" && "${@/#GILSIM/${!side}}" > stdout 2> stderr; echo "exit $?" >> stdout)
  done
  if $ignore_events; then  # "4624 events", "events": 4624, events,4624 (also inside notebooks' JSON)
    find "$work/old" "$work/new" -type f -exec sed -i -E \
      -e 's/[0-9]+ events/N events/g' -e 's/(events\\?"?(: |,))[0-9]+/\1N/g' {} +
  fi
  compared=$((compared + 1))
  if ! diff -r "$work/old" "$work/new" > "$work/diff"; then
    echo "differs: $label"
    head -20 "$work/diff"
    differ=$((differ + 1))
  fi
}
top=$(pwd)
for f in scenarios/*.toml scenarios/anchors/*.toml; do
  for format in table json csv; do
    same "$f --format $format" GILSIM run "$top/$f" --format "$format"
  done
  same "$f pictures" GILSIM run "$top/$f" --timeline t.svg --trace t.json --html t.html --core-lanes
  same "$f compare" GILSIM compare "$top/$f"
done
same "labs" GILSIM notebook "$top"/docs/labs/lab*.md --out-dir nb
echo "$compared comparisons, $differ differ"
[ "$differ" = 0 ]
