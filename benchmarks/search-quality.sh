#!/usr/bin/env bash
# Search quality on NAS-Bench-Macro: NSGA-II (1 island of 20; 4 islands of 5), random search and
# regularised evolution on the same budget and seeds; --peers adds Optuna's and DEAP's NSGA-II.
# Usage: benchmarks/search-quality.sh [--seeds N] [--first-seed S] [--budget EVALS] [--json FILE] [--peers]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
table=${NAS_BENCH_MACRO_PATH:-$root/../shared/benchmarks/nas-bench-macro/nas-bench-macro_cifar10.json}
extra=()
for arg in "$@"; do
  if [ "$arg" = "--peers" ]; then
    "$root/scripts/install-peers.sh"
    extra=(--peer-script "$root/benchmarks/peers/nsga2_peers.py")
  fi
done
dotnet build "$root/benchmarks/NasServerless.Benchmarks" -c Release -v quiet -nologo >/dev/null
exec dotnet "$root/benchmarks/NasServerless.Benchmarks/bin/Release/net10.0/NasServerless.Benchmarks.dll" search-quality --table "$table" "$@" "${extra[@]}"
