#!/usr/bin/env bash
# Sharded sweeps and explorations (docs/scale-out.md): run whole, then in shards
# through GNU parallel and through the Slurm array script (its variables set by
# hand), merge, and compare bytes. Merge must refuse a missing shard, a repeated
# one and a part of another job. Exit 77 (skipped) without GNU parallel.
#   scale_out_test.sh GILSIM SOURCE_DIR
set -euo pipefail
gilsim=$(realpath "$1")
cd "$2"
command -v parallel >/dev/null || { echo "GNU parallel is not installed: skipped" >&2; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

sweep=(scenarios/convoy_policies.toml --param interpreter.switch_interval=1ms..20ms --steps 4 --log
       --metric metrics.gil_switches --metric threads.io.gil_reacquire.p50)
"$gilsim" sweep "${sweep[@]}" > "$work/whole.csv"
rows=$(($(wc -l < "$work/whole.csv") - 1))
[ "$rows" -eq 20 ] || fail "expected a 20-run sweep, got $rows rows"
parallel --will-cite "\"$gilsim\" sweep ${sweep[*]} --shard {}/4 > $work/part-{}.toml" ::: 1 2 3 4
"$gilsim" merge "$work"/part-{1,2,3,4}.toml > "$work/merged.csv"
cmp "$work/whole.csv" "$work/merged.csv" || fail "the merged sweep differs from the whole one"
# The order of the parts on the command line does not matter.
"$gilsim" merge "$work"/part-{3,1,4,2}.toml | cmp - "$work/whole.csv" || fail "merge depends on the parts' order"
echo "sweep: 4 shards through GNU parallel merge into the whole sweep's $rows rows, byte for byte"

explore=(scenarios/lost_update_39.toml --schedules 12)
"$gilsim" explore "${explore[@]}" > "$work/explore.txt" 2>/dev/null
parallel --will-cite "\"$gilsim\" explore ${explore[*]} --shard {}/3 > $work/explore-{}.toml 2>/dev/null" ::: 1 2 3
"$gilsim" merge "$work"/explore-{1,2,3}.toml > "$work/explore-merged.txt"
cmp "$work/explore.txt" "$work/explore-merged.txt" || fail "the merged exploration differs from the whole one"
echo "explore: 3 shards merge into the whole exploration's report, byte for byte"

# The Slurm array script, one task at a time, as sbatch --array=1-4 would run them.
for task in 1 2 3 4; do
  SLURM_ARRAY_TASK_ID=$task SLURM_ARRAY_TASK_COUNT=4 GILSIM="$gilsim" PARTS="$work/slurm" \
    bash docs/scale-out/sweep-array.sh
done
# An array of one task is the whole sweep: its "part" is the unsharded CSV.
SLURM_ARRAY_TASK_COUNT=1 SLURM_ARRAY_TASK_ID=1 GILSIM="$gilsim" PARTS="$work/slurm-whole" \
  bash docs/scale-out/sweep-array.sh
"$gilsim" merge "$work"/slurm/part-*.toml > "$work/slurm.csv"
cmp "$work/slurm-whole/part-1.toml" "$work/slurm.csv" ||
  fail "the Slurm array's 4 parts differ from the whole sweep"
echo "slurm: the array script's 4 tasks merge into the whole sweep ($(($(wc -l < "$work/slurm.csv") - 1)) rows)"

# What merge refuses, each with exit code 2 and a message.
refuse() {
  local why=$1; shift
  if out=$("$gilsim" merge "$@" 2>&1); then fail "merge accepted $why"; fi
  echo "merge refuses $why: ${out%%$'\n'*}"
}
refuse "a missing shard" "$work"/part-{1,2,4}.toml
refuse "a repeated shard" "$work"/part-{1,2,2,3,4}.toml
"$gilsim" sweep "${sweep[@]}" --set machine.cores=4 --shard 2/4 > "$work/other-2.toml"
refuse "a part of another job" "$work"/part-1.toml "$work/other-2.toml" "$work"/part-{3,4}.toml
refuse "a part of an exploration among a sweep's" "$work"/part-{1,2,3}.toml "$work/explore-1.toml"
set +e
"$gilsim" merge "$work"/part-{1,2}.toml > /dev/null 2>&1; code=$?
set -e
[ "$code" -eq 2 ] || fail "merge exits $code on a bad set of parts, not 2"
