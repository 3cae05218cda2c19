#!/usr/bin/env bash
# Local services for integration tests and dev runs: Postgres, NATS (JetStream) and Chroma on loopback.
#
#   eval "$(tools/scripts/dev-services.sh start)"   # idempotent; exports NATS_URL DATABASE_URL CHROMA_URL
#   tools/scripts/dev-services.sh status            # exit 0 when all three answer
#   tools/scripts/dev-services.sh stop              # stops only what this script started (Chroma)
#
# stdout carries nothing but the `export ...` line, so callers can eval it; every message goes to stderr.
# A URL variable that is already set (e.g. a CI service container) is checked and passed through as is.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICES_DIR="$ROOT/.services"
CHROMA_PID_FILE="$SERVICES_DIR/chroma.pid"
CHROMA_LOG="$SERVICES_DIR/chroma.log"
PG_PORT="${DEV_PG_PORT:-5432}"
NATS_PORT="${DEV_NATS_PORT:-4222}"
CHROMA_PORT="${DEV_CHROMA_PORT:-8000}"
# Used only when Postgres asks for a password over TCP (Debian's default pg_hba for 127.0.0.1).
PG_APP_ROLE=agentbus
PG_APP_PASSWORD=agentbus

exec 3>&1 1>&2 # fd 3 = the caller's stdout (exports only); everything else goes to stderr

log() { printf '[dev-services] %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

port_open() { timeout 2 bash -c 'exec 9<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

wait_for() { # wait_for <seconds> <description> <command...>
  local secs=$1 what=$2
  shift 2
  local deadline=$((SECONDS + secs))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
  log "$what is ready"
}

# host and port of the first server in a URL such as nats://u:p@host:4222,other:4222
url_host() {
  local hp=${1#*://}
  hp=${hp%%[,/?]*}
  hp=${hp##*@}
  printf '%s' "${hp%:*}"
}
url_port() {
  local hp=${1#*://}
  hp=${hp%%[,/?]*}
  printf '%s' "${hp##*:}"
}

apt_installed=false
apt_install() {
  if [[ $apt_installed == false ]]; then
    [[ $(id -u) == 0 ]] || die "$* is not installed and this is not root: install it with apt-get"
    log "installing nats-server and postgresql with apt-get"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server postgresql >&2
    apt_installed=true
  fi
}

as_postgres() {
  if [[ $(id -u) == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    sudo -n -u postgres -- "$@"
  fi
}

# ---------------------------------------------------------------- Postgres

# "<version> <name>" of the cluster on PG_PORT, else of the first one (never hard-code the version)
pg_cluster() {
  { pg_lsclusters -h 2>/dev/null || true; } |
    awk -v p="$PG_PORT" '$3 == p { hit = $1 " " $2 } NR == 1 { first = $1 " " $2 } END { print (hit != "" ? hit : first) }'
}

pg_ensure_running() {
  if port_open 127.0.0.1 "$PG_PORT"; then
    log "postgres already answers on 127.0.0.1:$PG_PORT"
    return
  fi
  command -v pg_lsclusters >/dev/null || apt_install postgresql
  local cluster
  cluster=$(pg_cluster)
  if [[ -z $cluster ]]; then
    # The Debian package normally creates "main"; make it if an install left none.
    local version
    version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1 || true)
    [[ -n $version ]] || apt_install postgresql
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    log "creating postgres cluster $version/main on port $PG_PORT"
    pg_createcluster --port "$PG_PORT" "$version" main >&2
    cluster="$version main"
  fi
  log "starting postgres cluster $cluster"
  # shellcheck disable=SC2086 # "<version> <name>" is two arguments
  pg_ctlcluster --skip-systemctl-redirect $cluster start >&2 || true
  wait_for 30 postgres port_open 127.0.0.1 "$PG_PORT" || die "postgres did not open 127.0.0.1:$PG_PORT; see /var/log/postgresql/"
}

pg_try() { PGCONNECT_TIMEOUT=5 psql -w -X -q -At "$1" -c 'select 1' >/dev/null 2>&1; }

# Prints a DATABASE_URL that node `pg` can use over TCP 127.0.0.1.
pg_url() {
  local trust_url="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  local app_url="postgres://$PG_APP_ROLE:$PG_APP_PASSWORD@127.0.0.1:$PG_PORT/$PG_APP_ROLE"
  if ! command -v psql >/dev/null; then
    log "psql not found; assuming pg_hba trusts 127.0.0.1"
    printf '%s' "$trust_url"
    return
  fi
  # Trying the connection is the real pg_hba check: trust → no password needed.
  if pg_try "$trust_url"; then
    printf '%s' "$trust_url"
    return
  fi
  if ! pg_try "$app_url"; then
    log "TCP to postgres needs a password: ensuring role $PG_APP_ROLE (pg_hba is left alone)"
    as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_APP_ROLE') THEN
    CREATE ROLE $PG_APP_ROLE LOGIN CREATEDB PASSWORD '$PG_APP_PASSWORD';
  ELSE
    ALTER ROLE $PG_APP_ROLE LOGIN CREATEDB PASSWORD '$PG_APP_PASSWORD';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE $PG_APP_ROLE OWNER $PG_APP_ROLE'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_APP_ROLE') \gexec
SQL
    pg_try "$app_url" || die "cannot connect as $PG_APP_ROLE over TCP 127.0.0.1:$PG_PORT"
  fi
  printf '%s' "$app_url"
}

start_postgres() {
  if [[ -n ${DATABASE_URL:-} ]]; then
    if command -v psql >/dev/null && ! pg_try "$DATABASE_URL"; then
      die "DATABASE_URL is set but does not answer: $DATABASE_URL"
    fi
    log "postgres: using DATABASE_URL from the environment"
    return
  fi
  pg_ensure_running
  DATABASE_URL=$(pg_url)
}

# ---------------------------------------------------------------- NATS

# The server greets every client with an INFO line; it says "jetstream":true when -js is on.
nats_info() {
  timeout 3 bash -c 'exec 9<>"/dev/tcp/$0/$1" && IFS= read -r -t 2 line <&9 && printf "%s\n" "$line"' "$1" "$2" 2>/dev/null || true
}

check_jetstream() {
  if nats_info "$1" "$2" | grep -q '"jetstream":true'; then
    log "nats on $1:$2 has JetStream"
  else
    log "WARNING: nats on $1:$2 does not report JetStream (was it started with -js?)"
  fi
}

start_nats() {
  if [[ -n ${NATS_URL:-} ]]; then
    local host port
    host=$(url_host "$NATS_URL")
    port=$(url_port "$NATS_URL")
    port_open "$host" "$port" || die "NATS_URL is set but nothing answers: $NATS_URL"
    log "nats: using NATS_URL from the environment"
    check_jetstream "$host" "$port"
    return
  fi
  if port_open 127.0.0.1 "$NATS_PORT"; then
    log "nats already answers on 127.0.0.1:$NATS_PORT"
  else
    command -v nats-server >/dev/null || apt_install nats-server
    local bin
    bin=$(command -v nats-server)
    # A server on another port needs a JetStream store of its own; the pid file keeps
    # start-stop-daemon from mistaking such a server for this one.
    local store=/var/lib/nats-server suffix=''
    [[ $NATS_PORT == 4222 ]] || suffix="-$NATS_PORT"
    store+=$suffix
    mkdir -p "$store" "$SERVICES_DIR"
    log "starting nats-server with JetStream on 127.0.0.1:$NATS_PORT"
    start-stop-daemon --start --oknodo --background --exec "$bin" \
      --make-pidfile --pidfile "$SERVICES_DIR/nats$suffix.pid" -- \
      -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$store" -l "/var/log/nats-server$suffix.log" >&2
    wait_for 15 nats port_open 127.0.0.1 "$NATS_PORT" ||
      die "nats-server did not open 127.0.0.1:$NATS_PORT; see /var/log/nats-server$suffix.log"
  fi
  check_jetstream 127.0.0.1 "$NATS_PORT"
  NATS_URL="nats://127.0.0.1:$NATS_PORT"
}

# ---------------------------------------------------------------- Chroma

chroma_healthy() { curl -fsS -m 2 "${1%/}/api/v2/heartbeat" >/dev/null 2>&1; }

# pid from our pid file, if that process is still the chroma we started
chroma_pid() {
  [[ -f $CHROMA_PID_FILE ]] || return 1
  local pid
  pid=$(<"$CHROMA_PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q chroma || return 1
  printf '%s' "$pid"
}

start_chroma() {
  if [[ -n ${CHROMA_URL:-} ]]; then
    chroma_healthy "$CHROMA_URL" || die "CHROMA_URL is set but its heartbeat fails: $CHROMA_URL"
    log "chroma: using CHROMA_URL from the environment"
    return
  fi
  local url="http://127.0.0.1:$CHROMA_PORT"
  if chroma_healthy "$url"; then
    log "chroma already answers on $url"
  else
    if ! chroma_pid >/dev/null; then
      local bin="$ROOT/node_modules/.bin/chroma"
      [[ -x $bin ]] || die "$bin not found: run npm ci first"
      port_open 127.0.0.1 "$CHROMA_PORT" && die "127.0.0.1:$CHROMA_PORT is taken by something that is not Chroma"
      mkdir -p "$SERVICES_DIR/chroma"
      log "starting chroma on $url (log: ${CHROMA_LOG#"$ROOT"/})"
      # Detached, with no handle on the caller's stdout, or `$(... start)` would wait for it forever.
      (cd "$ROOT" && exec setsid "$bin" run --path "$SERVICES_DIR/chroma" --host 127.0.0.1 \
        --port "$CHROMA_PORT" </dev/null >"$CHROMA_LOG" 2>&1 3>&-) &
      echo $! >"$CHROMA_PID_FILE"
    fi
    if ! wait_for 60 chroma chroma_healthy "$url"; then
      tail -n 20 "$CHROMA_LOG" >&2 || true
      die "chroma did not answer $url/api/v2/heartbeat"
    fi
  fi
  CHROMA_URL=$url
}

stop_chroma() {
  local pid
  if ! pid=$(chroma_pid); then
    rm -f "$CHROMA_PID_FILE"
    log "chroma: nothing started by this script is running"
    return
  fi
  log "stopping chroma (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  # Chroma exits gracefully in 1-2 s; the port must be free before the next start.
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "chroma ignored SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$CHROMA_PID_FILE"
  log "chroma stopped"
}

# ---------------------------------------------------------------- commands

status() {
  local ok=0 pg_host pg_port nats_url chroma_url
  pg_host=$(url_host "${DATABASE_URL:-postgres://127.0.0.1:$PG_PORT}")
  pg_port=$(url_port "${DATABASE_URL:-postgres://127.0.0.1:$PG_PORT}")
  nats_url=${NATS_URL:-nats://127.0.0.1:$NATS_PORT}
  chroma_url=${CHROMA_URL:-http://127.0.0.1:$CHROMA_PORT}
  if port_open "$pg_host" "$pg_port"; then log "postgres: up ($pg_host:$pg_port)"; else
    log "postgres: DOWN ($pg_host:$pg_port)"
    ok=1
  fi
  if port_open "$(url_host "$nats_url")" "$(url_port "$nats_url")"; then log "nats: up ($nats_url)"; else
    log "nats: DOWN ($nats_url)"
    ok=1
  fi
  if chroma_healthy "$chroma_url"; then
    log "chroma: up ($chroma_url)$(chroma_pid >/dev/null && echo ', started by this script')"
  else
    log "chroma: DOWN ($chroma_url)"
    ok=1
  fi
  return $ok
}

case "${1:-}" in
  start)
    start_postgres
    start_nats
    start_chroma
    printf 'export NATS_URL=%q DATABASE_URL=%q CHROMA_URL=%q\n' "$NATS_URL" "$DATABASE_URL" "$CHROMA_URL" >&3
    ;;
  stop) stop_chroma ;;
  status) status ;;
  *)
    log "usage: $0 start|stop|status"
    exit 2
    ;;
esac
