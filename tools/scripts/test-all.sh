#!/usr/bin/env bash
# The whole suite, as `npm test` and CI run it: format check, lint + typecheck, build, then jest over
# every project in two phases (see jest.config.cts): unit and integration suites two at a time, then the
# end-to-end suites (whole stacks, killed servers, floods) one at a time. Every step runs even after a
# failure; the failed steps are listed at the end. The last line is `N passed, N failed[, N skipped]`.
# Services come from NATS_URL / DATABASE_URL / CHROMA_URL, else tools/scripts/dev-services.sh start.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true

# A newcomer's first `npm test` on a fresh clone: install from the lockfile first.
if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund --loglevel=error || exit 1
fi

# The monitoring checks run promtool (Debian's prometheus package); install it as root if missing.
if ! command -v promtool >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]]; then
    printf 'installing promtool (apt-get install prometheus)\n' >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus; } >&2
  else
    printf 'promtool is missing: install it with `sudo apt-get install prometheus`\n' >&2
  fi
fi

failed_steps=()
step() {
  local name=$1
  shift
  printf '\n==> %s\n' "$name" >&2
  "$@" || failed_steps+=("$name")
}

# --all: on a clean checkout the default (files changed against main) would check nothing.
step 'format:check' npx nx format:check --all
step 'lint+typecheck+docs' npx nx run-many -t lint typecheck docs:check
step 'build' npx nx run-many -t build

started_chroma=false
if [[ -z ${NATS_URL:-} || -z ${DATABASE_URL:-} || -z ${CHROMA_URL:-} ]]; then
  printf '\n==> services\n' >&2
  [[ -f .services/chroma.pid ]] && had_pid=true || had_pid=false
  if exports=$(bash tools/scripts/dev-services.sh start); then
    eval "$exports"
    [[ $had_pid == false && -f .services/chroma.pid ]] && started_chroma=true
  else
    failed_steps+=('services')
  fi
fi

# The console's client is generated from the gateway's OpenAPI document: a route changed without
# regenerating it (`npx nx run console:openapi`) fails here, naming that command. It starts the built
# gateway, so it runs after the services.
step 'console api drift' npx nx run console:openapi-check --output-style=static

mkdir -p reports
rm -f reports/jest-*.json
# Jest's default on two cores is one worker; the unit and integration suites wait on Postgres and NATS
# as much as they compute, so two at a time cut the run's wall time.
AGENTBUS_JEST_PHASE=parallel step 'jest (unit, integration)' \
  npx jest -c jest.config.cts --ci --maxWorkers=2 --json --outputFile=reports/jest-parallel.json
AGENTBUS_JEST_PHASE=serial step 'jest (end to end)' \
  npx jest -c jest.config.cts --ci --maxWorkers=1 --json --outputFile=reports/jest-serial.json

if [[ $started_chroma == true ]]; then
  bash tools/scripts/dev-services.sh stop >/dev/null 2>&1 || true
fi

printf '\n' >&2
if ((${#failed_steps[@]})); then
  echo "Failed steps: ${failed_steps[*]}"
fi
node tools/scripts/jest-summary.mjs reports/jest-parallel.json reports/jest-serial.json
summary_rc=$?
((${#failed_steps[@]} == 0 && summary_rc == 0))
