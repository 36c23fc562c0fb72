#!/usr/bin/env bash
# A record kind added to RecordKind but not handled fails to compile: with a
# copy of trace.hpp that has one kind more, every reader of records must stop
# compiling (its static_assert on kRecordKindCount), and compile without it.
set -u
compiler=$1
source=$2   # the repository's top
layers=$3   # build/sim/layers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/gilsim/core"
sed 's|^  kSimEnd, |  kSomethingNew,\n  kSimEnd, |' "$source/sim/gilsim/core/trace.hpp" > "$work/gilsim/core/trace.hpp"
grep -q kSomethingNew "$work/gilsim/core/trace.hpp" || { echo "could not add a kind"; exit 1; }
status=0
for reader in report/metrics.cpp report/thread_states.cpp report/chrome_trace.cpp \
              report/timeline_svg.cpp report/wait_histogram.cpp lab/explain.cpp lab/explore.cpp \
              lab/calibrate.cpp; do
  compile() { "$compiler" -std=c++20 -fsyntax-only "$@" -I "$layers/lab" \
                "$source/sim/gilsim/$reader" > /dev/null 2>&1; }
  if ! compile; then echo "$reader does not compile as it is"; status=1; fi
  if compile -I "$work"; then echo "$reader compiles with a kind it does not handle"; status=1; fi
done
[ $status = 0 ] && echo "every reader of records stops compiling when a kind is added"
exit $status
