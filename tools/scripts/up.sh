#!/usr/bin/env bash
# Brings Agent Bus up on this machine and runs a demo project through the whole workflow:
# installs node_modules if missing, starts Postgres, NATS (JetStream) and Chroma, builds the six
# services and the CLI, starts each service under tools/scripts/supervise.sh (restarted with
# backoff when it crashes; each migrates its own schema), waits until every
# /readyz answers 200, then `agent-bus demo` submits a project, auto-approves its gate (saying so)
# and prints live stage progress until it completes. Afterwards the services keep running until
# Ctrl-C (SIGTERM to each, which drain and exit); --detach returns instead (stop them with
# tools/scripts/down.sh); --no-demo skips the demo. Logs: .services/logs/<app>.log. Ports: 3000
# (gateway, with the web console at /console/) to 3005. The admin API key is in .services/admin.key.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true

detach=false
demo=true
for arg in "$@"; do
  case $arg in
    --detach) detach=true ;;
    --no-demo) demo=false ;;
    *) echo "usage: up.sh [--detach] [--no-demo]" >&2 && exit 2 ;;
  esac
done

APPS=(gateway master-orchestrator cpu-agent-worker gpu-job-controller memory-service skills-registry)
LOGS=.services/logs
RUN=.services/run
say() { printf '\033[1m[agent-bus]\033[0m %s\n' "$*" >&2; }

if [[ ! -d node_modules ]]; then
  say 'installing dependencies (npm ci, about a minute)'
  npm ci --no-audit --no-fund --loglevel=error
fi

say 'starting Postgres, NATS (JetStream) and Chroma'
eval "$(bash tools/scripts/dev-services.sh start)"
export NATS_URL DATABASE_URL CHROMA_URL

say 'building the services'
mkdir -p .services
npx nx run-many -t build --output-style=static >.services/build.log 2>&1 || {
  cat .services/build.log >&2
  say 'build failed (output above)'
  exit 1
}

bash tools/scripts/down.sh --quiet || true
mkdir -p "$LOGS" "$RUN"
# One admin key per machine, kept so the CLI keeps working across restarts.
[[ -s .services/admin.key ]] || node -e "process.stdout.write(require('node:crypto').randomBytes(24).toString('hex'))" >.services/admin.key
export GATEWAY_ADMIN_API_KEY AGENT_BUS_API_KEY
GATEWAY_ADMIN_API_KEY=$(cat .services/admin.key)
AGENT_BUS_API_KEY=$GATEWAY_ADMIN_API_KEY
# The offline model answers instantly; a little latency makes the demo's progress watchable.
export LLM_OFFLINE_LATENCY_MS=${LLM_OFFLINE_LATENCY_MS:-400}
# Each service runs under supervise.sh: restarted with backoff when it crashes (logged in its log
# with a [supervise] prefix); it waits for NATS, Postgres (and Chroma) itself while they are down.
for i in "${!APPS[@]}"; do
  app=${APPS[$i]}
  : >"$LOGS/$app.log"
  HTTP_PORT=$((3000 + i)) nohup bash tools/scripts/supervise.sh --name "$app" --log "$LOGS/$app.log" \
    --child-pid "$RUN/$app.child.pid" -- node "dist/apps/$app/main.js" >/dev/null 2>&1 &
  echo $! >"$RUN/$app.pid"
done

say 'waiting for every service to be ready'
# Six Node processes booting at once on two cores took over 90 s at load average 20 (2026-12-02).
ready_timeout_s=${UP_READY_TIMEOUT_S:-180}
deadline=$((SECONDS + ready_timeout_s))
for i in "${!APPS[@]}"; do
  app=${APPS[$i]}
  url="http://127.0.0.1:$((3000 + i))"
  until curl -sf "$url/readyz" >/dev/null; do
    if ! kill -0 "$(cat "$RUN/$app.pid")" 2>/dev/null; then
      tail -20 "$LOGS/$app.log" >&2
      say "$app exited during start and is not restarted (log above: $LOGS/$app.log)"
      exit 1
    fi
    if ((SECONDS > deadline)); then
      curl -s "$url/readyz" >&2 || true
      # No [supervise] line is the usual case; grep's exit 1 must not end the script unexplained.
      { grep '\[supervise\]' "$LOGS/$app.log" || true; } | tail -5 >&2
      say "$app is not ready after $ready_timeout_s s (UP_READY_TIMEOUT_S raises it); see $LOGS/$app.log"
      exit 1
    fi
    sleep 0.3
  done
  printf '  %-20s %s  ready  (%s/metrics)\n' "$app" "$url" "$url" >&2
done
say 'all six services are ready'
say 'web console: http://127.0.0.1:3000/console/ (sign in with the key in .services/admin.key)'

if [[ $demo == true ]]; then
  say 'running the demo project (agent-bus demo)'
  node dist/apps/cli/main.js demo --url http://127.0.0.1:3000 || say 'the demo did not complete (see above)'
fi
say 'web console: http://127.0.0.1:3000/console/'
say "CLI: AGENT_BUS_API_KEY=\$(cat .services/admin.key) npm run -s agent-bus -- list"

if [[ $detach == true ]]; then
  say 'running in the background; stop with: bash tools/scripts/down.sh'
  exit 0
fi
trap 'bash tools/scripts/down.sh; exit 0' INT TERM
say 'press Ctrl-C to stop (logs in .services/logs)'
while sleep 3600; do :; done
