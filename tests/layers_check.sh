#!/usr/bin/env bash
# An upward #include does not compile: each layer's include tree
# (build/sim/layers/LAYER, sim/CMakeLists.txt) holds only the layers below it.
# For each layer, including a header of a layer above must fail, and a header
# of a layer below must compile.
set -u
compiler=$1
layers=$2
status=0
try() {  # try LAYER HEADER EXPECT(ok|fail)
  if echo "#include \"gilsim/$2\"" | "$compiler" -std=c++20 -fsyntax-only -I "$layers/$1" -x c++ - \
       > /dev/null 2>&1; then got=ok; else got=fail; fi
  if [ "$got" != "$3" ]; then
    echo "layer $1 including gilsim/$2: expected $3, got $got"
    status=1
  fi
}
try core core/time.hpp ok
try core model/simulation.hpp fail
try model core/trace.hpp ok
try model policy/registry.hpp fail
try policy model/gil_policy.hpp ok
try policy scenario/load.hpp fail
try scenario policy/registry.hpp ok
try scenario report/report.hpp fail
try scenario lab/explain.hpp fail
try report core/trace.hpp ok
try report model/simulation.hpp fail
try report lab/sweep.hpp fail
try lab scenario/load.hpp ok
try lab report/fields.hpp ok
[ $status = 0 ] && echo "every layer reaches only the layers below it"
exit $status
