#!/usr/bin/env bash
# Stops the services started by up.sh: SIGTERM, so each drains its work and exits (10 s grace).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
quiet=false
[[ ${1:-} == --quiet ]] && quiet=true
pids=()
for file in .services/run/*.pid; do
  [[ -f $file ]] || continue
  pid=$(cat "$file")
  if kill -TERM "$pid" 2>/dev/null; then pids+=("$pid"); fi
  rm -f "$file"
done
for _ in $(seq 1 100); do
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  ((alive == 0)) && break
  sleep 0.1
done
for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null && echo "killed $pid after 10 s" >&2; done
[[ $quiet == true ]] || echo "[agent-bus] stopped ${#pids[@]} services" >&2
