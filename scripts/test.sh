#!/usr/bin/env bash
# Runs every test in the solution: fast unit tests, TorchSharp training tests on real data, and
# integration tests against Azurite (each fixture starts its own Azurite on free loopback ports).
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Nsga2]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

command -v python3 >/dev/null || { echo "scripts/test.sh: python3 is needed by the TorchSharp load patch (apt-get install python3)" >&2; exit 1; }
{ python3 -c 'import torch' 2>/dev/null || /usr/bin/python3 -c 'import torch' 2>/dev/null || [ -n "${NAS_PYTHON:-}" ]; } ||
  echo "scripts/test.sh: warning: no python3 imports torch (apt-get install python3-torch); the PyTorch export tests will fail" >&2
if [ ! -x node_modules/.bin/azurite ]; then
  echo "scripts/test.sh: installing Azurite from npm (about a minute)"
  npm ci --no-audit --no-fund
fi
[ -e ../shared/datasets/SHA256SUMS ] || [ -n "${NAS_DATASETS_PATH:-}" ] || echo "scripts/test.sh: warning: ../shared not found beside the repository; data-backed tests will fail" >&2

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test NasServerless.sln -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | paste -sd+ - | bc 2>/dev/null || echo 0)
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | paste -sd+ - | bc 2>/dev/null || echo 0)
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
