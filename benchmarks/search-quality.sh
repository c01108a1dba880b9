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
    "$root/scripts/install-peers.sh" >&2
    # The Debian packages install into the system interpreter, which a python3 earlier on PATH
    # (pyenv, a virtual environment) may not see: use the first one that imports both.
    python=
    for candidate in python3 /usr/bin/python3; do
      if "$candidate" -c 'import optuna, deap' >/dev/null 2>&1; then python=$(command -v "$candidate"); break; fi
    done
    if [ -z "$python" ]; then echo "search-quality: no python3 imports optuna and deap" >&2; exit 1; fi
    extra=(--peer-script "$root/benchmarks/peers/nsga2_peers.py" --peer-python "$python")
  fi
done
dotnet build "$root/benchmarks/NasServerless.Benchmarks" -c Release -v quiet -nologo >/dev/null
exec dotnet "$root/benchmarks/NasServerless.Benchmarks/bin/Release/net10.0/NasServerless.Benchmarks.dll" search-quality --table "$table" "$@" "${extra[@]}"
