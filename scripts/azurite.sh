#!/usr/bin/env bash
# Starts or stops Azurite (Azure Storage emulator) on 127.0.0.1 for tests and the local run.
#   scripts/azurite.sh start [--in-memory]   start in the background unless already listening; waits until ready
#   scripts/azurite.sh stop                  stop the instance this script started (by PID, then SIGKILL)
# Ports: AZURITE_BLOB_PORT (10000), AZURITE_QUEUE_PORT (10001), AZURITE_TABLE_PORT (10002).
# Data and logs: .azurite/ in the repository (ignored by git).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state="$root/.azurite"
blob=${AZURITE_BLOB_PORT:-10000}
queue=${AZURITE_QUEUE_PORT:-10001}
table=${AZURITE_TABLE_PORT:-10002}
bin="$root/node_modules/.bin/azurite"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "${1:-}" in
  start)
    if listening "$blob" && listening "$queue" && listening "$table"; then
      echo "azurite: already listening on 127.0.0.1:$blob/$queue/$table"; exit 0
    fi
    if [ ! -x "$bin" ]; then
      echo "azurite: installing the npm package (about a minute)" >&2
      (cd "$root" && npm install --no-audit --no-fund >&2)
    fi
    mkdir -p "$state/data"
    # In memory for tests (faster, nothing left behind); on disk under .azurite/data otherwise.
    if [ "${2:-}" = "--in-memory" ]; then extra=(--inMemoryPersistence); else extra=(--location "$state/data"); fi
    nohup "$bin" --silent --skipApiVersionCheck --loose \
      --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" "${extra[@]}" \
      > "$state/azurite.log" 2>&1 &
    echo $! > "$state/azurite.pid"
    for _ in $(seq 1 100); do
      if listening "$blob" && listening "$queue" && listening "$table"; then
        echo "azurite: ready on 127.0.0.1:$blob/$queue/$table (pid $(cat "$state/azurite.pid"))"; exit 0
      fi
      if ! kill -0 "$(cat "$state/azurite.pid")" 2>/dev/null; then
        echo "azurite: exited during start; log follows" >&2; cat "$state/azurite.log" >&2; exit 1
      fi
      sleep 0.2
    done
    echo "azurite: not ready after 20 s; log in $state/azurite.log" >&2; exit 1 ;;
  stop)
    [ -f "$state/azurite.pid" ] || { echo "azurite: not started by this script"; exit 0; }
    pid=$(cat "$state/azurite.pid")
    kill "$pid" 2>/dev/null || true
    # SIGTERM can take over 10 s; do not wait that long.
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$state/azurite.pid"
    echo "azurite: stopped" ;;
  *)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
