#!/usr/bin/env bash
# A Slurm job array that shards one gilsim sweep (docs/scale-out.md): task I of
# N runs `--shard I/N` and writes parts/part-I.toml. Submit it, then merge once
# every task is done:
#
#   mkdir -p parts
#   job=$(sbatch --parsable --array=1-16 docs/scale-out/sweep-array.sh)
#   sbatch --dependency=afterok:$job --wrap 'gilsim merge parts/part-*.toml > sweep.csv'
#
# A dry run without Slurm, as the tests do: set the array's variables yourself.
#   SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_COUNT=16 bash docs/scale-out/sweep-array.sh
#
#SBATCH --job-name=gilsim-sweep
#SBATCH --cpus-per-task=1
#SBATCH --time=00:30:00
#SBATCH --output=parts/slurm-%A_%a.out
set -euo pipefail

gilsim=${GILSIM:-gilsim}                       # the gilsim binary (on every node)
scenario=${SCENARIO:-scenarios/convoy_policies.toml}
parts=${PARTS:-parts}
: "${SLURM_ARRAY_TASK_ID:?run me with sbatch --array=1-N, or set SLURM_ARRAY_TASK_ID}"
# Slurm sets SLURM_ARRAY_TASK_COUNT for arrays that start at 1 (--array=1-N).
shards=${SLURM_ARRAY_TASK_COUNT:?run me with sbatch --array=1-N, or set SLURM_ARRAY_TASK_COUNT}

mkdir -p "$parts"
"$gilsim" sweep "$scenario" \
  --param interpreter.switch_interval=100us..50ms --steps 40 --log \
  --metric loops.request.io.rate --metric threads.io.gil_reacquire.p50 \
  --shard "$SLURM_ARRAY_TASK_ID/$shards" > "$parts/part-$SLURM_ARRAY_TASK_ID.toml.tmp"
mv "$parts/part-$SLURM_ARRAY_TASK_ID.toml.tmp" "$parts/part-$SLURM_ARRAY_TASK_ID.toml"  # whole parts only
