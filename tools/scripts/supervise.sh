#!/usr/bin/env bash
# Keeps one service running: supervise.sh --name <app> --log <file> [--child-pid <file>] -- <cmd>...
# Starts <cmd> with its output appended to <file>. When it crashes (non-zero exit or killed by a
# signal), it is restarted after a delay that doubles from SUPERVISE_BACKOFF_MS (1000) up to
# SUPERVISE_MAX_BACKOFF_MS (30000), back to the start once a run lasted SUPERVISE_STABLE_S (60) s;
# every crash and restart is logged to <file> with a "[supervise]" prefix. Exit 0 (a clean stop)
# and 78 (bad configuration: fix the env first) end supervision. SIGTERM/SIGINT to the supervisor
# forward SIGTERM to the service, wait for it to drain and exit, and end supervision.
set -uo pipefail

name='' log='' child_pid_file=''
while (($# > 0)); do
  case $1 in
    --name) name=$2 && shift 2 ;;
    --log) log=$2 && shift 2 ;;
    --child-pid) child_pid_file=$2 && shift 2 ;;
    --) shift && break ;;
    *) echo "usage: supervise.sh --name <app> --log <file> [--child-pid <file>] -- <cmd>..." >&2 && exit 2 ;;
  esac
done
[[ -n $name && -n $log && $# -gt 0 ]] || { echo 'supervise.sh: --name, --log and a command are required' >&2; exit 2; }

initial_ms=${SUPERVISE_BACKOFF_MS:-1000}
max_ms=${SUPERVISE_MAX_BACKOFF_MS:-30000}
stable_s=${SUPERVISE_STABLE_S:-60}
EX_CONFIG=78

note() { printf '%s [supervise] %s: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$name" "$*" >>"$log"; }
seconds() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

child='' sleeper='' stopping=false
stop() {
  stopping=true
  [[ -n $child ]] && kill -TERM "$child" 2>/dev/null
  [[ -n $sleeper ]] && kill -TERM "$sleeper" 2>/dev/null
}
trap stop TERM INT

# The child's status; a trapped signal interrupts `wait`, so wait again while the child lives.
wait_child() {
  local code
  wait "$child"
  code=$?
  while kill -0 "$child" 2>/dev/null; do
    wait "$child"
    code=$?
  done
  return "$code"
}

delay_ms=$initial_ms
restarts=0
while :; do
  started=$SECONDS
  "$@" >>"$log" 2>&1 &
  child=$!
  [[ -n $child_pid_file ]] && echo "$child" >"$child_pid_file"
  wait_child
  code=$?
  child=''
  [[ -n $child_pid_file ]] && rm -f "$child_pid_file"
  ran_s=$((SECONDS - started))
  if [[ $stopping == true ]]; then
    note "stopped (exit code $code)"
    exit 0
  fi
  if ((code == 0)); then
    note 'exited cleanly; not restarting'
    exit 0
  fi
  if ((code == EX_CONFIG)); then
    note "exited with code $EX_CONFIG (bad configuration, see above); fix it and start again"
    exit "$EX_CONFIG"
  fi
  ((ran_s >= stable_s)) && delay_ms=$initial_ms
  restarts=$((restarts + 1))
  how="code $code"
  ((code > 128)) && how="signal $(kill -l $((code - 128)) 2>/dev/null || echo $((code - 128)))"
  note "crashed ($how) after ${ran_s} s; restart #$restarts in $(seconds "$delay_ms") s"
  sleep "$(seconds "$delay_ms")" &
  sleeper=$!
  wait "$sleeper" 2>/dev/null
  sleeper=''
  if [[ $stopping == true ]]; then
    note 'stopped while waiting to restart'
    exit 0
  fi
  delay_ms=$((delay_ms * 2 > max_ms ? max_ms : delay_ms * 2))
done
