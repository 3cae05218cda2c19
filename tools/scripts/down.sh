#!/usr/bin/env bash
# Stops the services started by up.sh: SIGTERM to each supervisor (tools/scripts/supervise.sh),
# which forwards it to its service, waits for it to drain and exit, and stops restarting it. After
# 15 s, whatever is left (supervisor or service) is killed. AGENTBUS_SERVICES_DIR: where up.sh
# keeps run/*.pid (default .services).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
RUN=${AGENTBUS_SERVICES_DIR:-.services}/run
quiet=false
[[ ${1:-} == --quiet ]] && quiet=true
pids=()
services=0
for file in "$RUN"/*.pid; do
  [[ -f $file && $file != *.child.pid ]] || continue
  pid=$(cat "$file")
  if kill -TERM "$pid" 2>/dev/null; then
    pids+=("$pid")
    services=$((services + 1))
  fi
  child_file=${file%.pid}.child.pid
  # Kept for the deadline below; the supervisor removes it once the service has exited.
  [[ -f $child_file ]] && pids+=("$(cat "$child_file")")
  rm -f "$file"
done
for _ in $(seq 1 150); do
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  ((alive == 0)) && break
  sleep 0.1
done
for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null && echo "killed $pid after 15 s" >&2; done
rm -f "$RUN"/*.child.pid
[[ $quiet == true ]] || echo "[agent-bus] stopped $services services" >&2
