#!/usr/bin/env bash
# A whole search on this machine: Azurite, the standalone host, trainer workers, submit, progress, front.
#   scripts/nas demo [--lookup] [--workers N] [--definition FILE] [--timeout SECONDS]
# Default: real TorchSharp training of small CNNs on MNIST (scripts/searches/mnist-small.search.json), 2 workers.
# --lookup: the NAS-Bench-Macro space answered from its table (scripts/searches/nas-bench-macro.search.json).
# Logs and the front plot (front.svg) go to artifacts/demo/; everything this script started is stopped when it ends.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
definition=scripts/searches/mnist-small.search.json
workers=2
timeout=1800
while [ $# -gt 0 ]; do
  case "$1" in
    --lookup) definition=scripts/searches/nas-bench-macro.search.json ;;
    --workers) workers=${2:?--workers needs a number}; shift ;;
    --definition) definition=${2:?--definition needs a file}; shift ;;
    --timeout) timeout=${2:?--timeout needs seconds}; shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scripts/nas demo: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
[[ "$workers" =~ ^[1-9][0-9]?$ ]] || { echo "scripts/nas demo: --workers must be 1 to 99" >&2; exit 2; }
[ -f "$definition" ] || { echo "scripts/nas demo: definition file '$definition' not found" >&2; exit 2; }
shared=${NAS_SHARED_PATH:-$root/../shared}
[ -d "$shared/datasets" ] || { echo "scripts/nas demo: datasets not found under $shared (set NAS_SHARED_PATH)" >&2; exit 2; }

logs="$root/artifacts/demo"; mkdir -p "$logs"
pids=()
started_azurite=""
cleanup() {
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    alive=""; for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && break; sleep 0.2
  done
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; done
  [ -n "$started_azurite" ] && scripts/azurite.sh stop >/dev/null || true
}
trap cleanup EXIT INT TERM

echo "== building (Release)"
for project in functions/NasServerless.Host:nas-host trainer-container/NasServerless.Trainer.App:nas-trainer functions/NasServerless.Cli:nas-cli; do
  dotnet build "${project%%:*}" -c Release -o "artifacts/bin/${project##*:}" -v quiet -nologo > "$logs/build.log" 2>&1 \
    || { echo "scripts/nas demo: building ${project%%:*} failed:" >&2; grep -E "error" "$logs/build.log" >&2; exit 1; }
done

echo "== Azurite"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_free "${AZURITE_BLOB_PORT:-10000}"; then started_azurite=1; fi
scripts/azurite.sh start
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:${AZURITE_BLOB_PORT:-10000}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${AZURITE_QUEUE_PORT:-10001}/devstoreaccount1;TableEndpoint=http://127.0.0.1:${AZURITE_TABLE_PORT:-10002}/devstoreaccount1;"

port=${NAS_DEMO_PORT:-7071}
port_free "$port" || { echo "scripts/nas demo: port $port is in use (set NAS_DEMO_PORT)" >&2; exit 1; }
api="http://127.0.0.1:$port"
hub="demo$(date +%s)"
echo "== host on $api (task hub $hub, log $logs/host.log)"
Storage__ConnectionString="$connection" Durable__TaskHubName="$hub" Durable__WorkerId="demo-host" \
  dotnet artifacts/bin/nas-host/nas-host.dll --Urls "$api" > "$logs/host.log" 2>&1 &
pids+=($!); disown

echo "== $workers trainer worker(s) (logs $logs/worker-N.log)"
for i in $(seq 1 "$workers"); do
  NAS_SHARED_PATH="$shared" Worker__WorkerId="demo-worker-$i" \
    dotnet artifacts/bin/nas-trainer/nas-trainer.dll worker --connection "$connection" --threads 1 > "$logs/worker-$i.log" 2>&1 &
  pids+=($!); disown
done

for _ in $(seq 1 120); do
  curl -sf "$api/api/searches" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "scripts/nas demo: the host exited; see $logs/host.log" >&2; tail -20 "$logs/host.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$api/api/searches" >/dev/null || { echo "scripts/nas demo: the host did not answer within 60 s; see $logs/host.log" >&2; exit 1; }

echo "== search: $definition"
dotnet artifacts/bin/nas-cli/nas-cli.dll run --api "$api" --definition "$definition" --timeout "$timeout" --svg "$logs/front.svg"
