#!/usr/bin/env bash
# Orchestration overhead with zero-time NAS-Bench-Macro lookup jobs: end-to-end candidate evaluations per second and
# the median/p95 overhead per candidate of the standalone host (DurableTask.AzureStorage on Azurite) with 1 and 4
# lookup trainer workers, next to the same search run in-process (the limit). The fronts are compared too.
# Usage: benchmarks/orchestration.sh [--workers N] [--candidates N] [--seed S] [--dispatch-timeout S] [--json FILE]
#   --workers N      measure only N workers (default: 1, then 4)
#   --candidates N   size the search to about N evaluations (4 islands of 8; default 300)
#   --dispatch-timeout S  the search's dispatch.timeoutSeconds (default 20). An island waiting for a candidate that
#                    another island owns polls for its result every S/20 s (1 to 30 s), so larger values slow
#                    generations that share a candidate (120 s: ~7 s a generation instead of ~3 s here)
#   --json FILE      also write {"inProcessEvaluationsPerSecond", "frontIdenticalToInProcess", "results": [...]}
# It starts and stops everything itself (Azurite in memory on free loopback ports, the host, the workers) and leaves
# no process behind. The host runs with its own defaults (appsettings.json: 1 s max queue polling); Durable__* and
# ResultsPoller__* environment variables reach it, e.g. Durable__MaxPollingIntervalSeconds=0.1. Workers poll every
# 0.1 s, backing off to 1 s. ORCHESTRATION_BENCH_LOGS=DIR keeps the processes' logs and the raw results there.
#
# Overhead per candidate = (dispatch -> trainer start) + (result -> orchestrator resumed), on this machine's clock:
#   dispatch        TaskScheduled event of the candidate orchestration's EnqueueTrainingJob (task hub History table)
#   trainer start   the worker's "Training ..." log line for that candidate and attempt (JSON console log, UTC)
#   result          the worker's "Published result ..." log line (the message is on training-results)
#   resumed         OrchestratorStarted of the episode that received the event trained:{candidate}:{attempt}
# Only the training itself (a table lookup here) is left out. See CandidateOverheads.cs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
workers_list=(1 4)
candidates=300
seed=42
dispatch_timeout=20
json=
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers_list=("$2"); shift 2 ;;
    --candidates) candidates=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --dispatch-timeout) dispatch_timeout=$2; shift 2 ;;
    --json) json=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "orchestration: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
table=${NAS_BENCH_MACRO_PATH:-$root/../shared/benchmarks/nas-bench-macro/nas-bench-macro_cifar10.json}
[ -f "$table" ] || { echo "orchestration: NAS-Bench-Macro table not found at $table (set NAS_BENCH_MACRO_PATH)" >&2; exit 1; }
azurite="$root/node_modules/.bin/azurite"
[ -x "$azurite" ] || { echo "orchestration: $azurite is missing; run 'npm ci' in $root" >&2; exit 1; }

out="$root/artifacts/orchestration-bench"
work=$(mktemp -d -t nas-orchestration-bench.XXXXXX)
pids=()
stop() { # SIGKILL by PID: the host can take many seconds to stop on SIGTERM, Azurite too
  for pid in "$@"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}
cleanup() {
  stop "${pids[@]}"
  if [ -n "${ORCHESTRATION_BENCH_LOGS:-}" ]; then mkdir -p "$ORCHESTRATION_BENCH_LOGS" && cp "$work"/*.log "$work"/*.json "$ORCHESTRATION_BENCH_LOGS"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "orchestration: building the host, the trainer and the benchmark (Release) into $out" >&2
build() { dotnet build "$root/$1" -c Release -o "$out/$2" -nologo -v q > "$work/build-$2.log" 2>&1 || { cat "$work/build-$2.log" >&2; exit 1; }; }
build functions/NasServerless.Host/NasServerless.Host.csproj nas-host
build trainer-container/NasServerless.Trainer.App/NasServerless.Trainer.App.csproj nas-trainer
build benchmarks/NasServerless.OrchestrationBenchmark/NasServerless.OrchestrationBenchmark.csproj bench
bench() { dotnet "$out/bench/nas-orchestration-bench.dll" "$@"; }

mapfile -t ports < <(bench ports --count 4)
blob=${ports[0]} queue=${ports[1]} tablePort=${ports[2]} http=${ports[3]}
account=devstoreaccount1
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==' # Azurite's published development key
connection="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$tablePort/$account;"

(cd "$work" && exec "$azurite" --silent --skipApiVersionCheck --loose --inMemoryPersistence \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$tablePort" \
  > "$work/azurite.log" 2>&1) &
pids+=($!)
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 150); do listening "$blob" && listening "$queue" && listening "$tablePort" && break; sleep 0.2; done
listening "$blob" && listening "$queue" && listening "$tablePort" || { echo "orchestration: Azurite did not start within 30 s:" >&2; cat "$work/azurite.log" >&2; exit 1; }

echo "orchestration: in-process run of the same search" >&2
bench inprocess --table "$table" --candidates "$candidates" --seed "$seed" --out "$work/inprocess.json"

runs=()
for n in "${workers_list[@]}"; do
  hub="bench${n}w$(date +%s)"
  echo "orchestration: $n worker(s), task hub $hub" >&2
  (cd "$out/nas-host" && Storage__ConnectionString="$connection" Durable__TaskHubName="$hub" Durable__WorkerId="$hub-host" \
     exec dotnet nas-host.dll --Urls "http://127.0.0.1:$http" > "$work/host-$n.log" 2>&1) &
  host=$!; pids+=("$host")
  group=("$host")
  logs=()
  for i in $(seq 1 "$n"); do
    (cd "$out/nas-trainer" && exec env -u NAS_SHARED_PATH \
       Worker__WorkerId="$hub-worker$i" Worker__PollInterval=00:00:00.100 Worker__MaxPollInterval=00:00:01 \
       Logging__LogLevel__Default=Warning Logging__LogLevel__NasServerless.Trainer.Worker=Information \
       Logging__Console__FormatterName=json Logging__Console__FormatterOptions__UseUtcTimestamp=true \
       Logging__Console__FormatterOptions__TimestampFormat="yyyy-MM-ddTHH:mm:ss.fffffffZ" \
       dotnet nas-trainer.dll worker --connection "$connection" --table "$table" > "$work/worker-$n-$i.log" 2>&1) &
    pids+=($!); group+=($!)
    logs+=(--worker-log "$work/worker-$n-$i.log")
  done
  if ! bench distributed --url "http://127.0.0.1:$http" --connection "$connection" --hub "$hub" --workers "$n" "${logs[@]}" \
       --candidates "$candidates" --seed "$seed" --dispatch-timeout "$dispatch_timeout" --reference "$work/inprocess.json" --out "$work/run-$n.json"; then
    echo "orchestration: the run with $n worker(s) failed; host log tail:" >&2; tail -n 40 "$work/host-$n.log" >&2; exit 1
  fi
  stop "${group[@]}"
  left=(); for pid in "${pids[@]}"; do [[ " ${group[*]} " == *" $pid "* ]] || left+=("$pid"); done; pids=("${left[@]}")
  runs+=(--run "$work/run-$n.json")
done

report=(bench report --inprocess "$work/inprocess.json" "${runs[@]}")
[ -n "$json" ] && report+=(--json "$json")
"${report[@]}"
