#!/usr/bin/env bash
# Installs the peer libraries that `benchmarks/search-quality.sh --peers` compares against:
# Optuna (NSGAIISampler) and DEAP, from Debian packages. Idempotent: does nothing when both are
# installed; runs `apt-get update` only when a package is missing and unknown to apt.
# Usage: scripts/install-peers.sh
set -euo pipefail
packages=(python3-optuna python3-deap)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${packages[@]}"; do
  if installed "$p"; then
    echo "install-peers: $p already installed"
  else
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "install-peers: need root (or sudo) to install ${missing[*]}" >&2
    exit 1
  fi
fi

known() { apt-cache show "$1" >/dev/null 2>&1; }
needs_update=0
for p in "${missing[@]}"; do known "$p" || needs_update=1; done
if [ $needs_update -eq 1 ]; then
  echo "install-peers: package lists do not know ${missing[*]}: apt-get update"
  "${sudo[@]}" apt-get update
fi
echo "install-peers: apt-get install -y ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
/usr/bin/python3 -c 'import optuna, deap; print("install-peers: optuna", optuna.__version__, "/ deap", deap.__version__)'
