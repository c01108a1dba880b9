#!/usr/bin/env bash
# Trainer throughput (on the CPU unless --device says otherwise): training and inference images/s of the three example genomes
# (trainer-container/examples), and the share of each training step spent building the batch.
#   benchmarks/trainer-throughput.sh [--json FILE] [--seconds S] [--threads N] [--batch-size N] [--device cpu|cuda]
# Defaults: 10 s of training and 5 s of inference per genome, 1 thread (one per worker), batch 128.
# Prints a table and the JSON report (also written to FILE with --json).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export NAS_SHARED_PATH=${NAS_SHARED_PATH:-$root/../shared}
out="$root/artifacts/bin/nas-trainer"
if [ -z "${NAS_SKIP_BUILD:-}" ]; then
  dotnet build "$root/trainer-container/NasServerless.Trainer.App" -c Release -o "$out" -v quiet -nologo -clp:ErrorsOnly >&2
fi
exec dotnet "$out/nas-trainer.dll" throughput --examples "$root/trainer-container/examples" "$@"
