#!/usr/bin/env bash
# Single-island configuration study on NAS-Bench-Macro (default 3x3 grid: population {10,20,40} x
# mutation probability per gene {0.05,0.125,0.25}); --grid FILE takes a JSON array of evolution options.
# Usage: benchmarks/config-study.sh [--budget EVALS] [--seeds N] [--first-seed S] [--grid FILE] [--json FILE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
table=${NAS_BENCH_MACRO_PATH:-$root/../shared/benchmarks/nas-bench-macro/nas-bench-macro_cifar10.json}
dotnet build "$root/benchmarks/NasServerless.Benchmarks" -c Release -v quiet -nologo >/dev/null
exec dotnet "$root/benchmarks/NasServerless.Benchmarks/bin/Release/net10.0/NasServerless.Benchmarks.dll" config-study --table "$table" "$@"
