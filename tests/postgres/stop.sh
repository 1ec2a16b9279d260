#!/usr/bin/env bash
# Stops and removes a test server made by tests/postgres/start.sh.
#
#   tests/postgres/stop.sh DIR
#
# `pg_ctl stop -m immediate` on DIR/data (through `runuser -u postgres --` when root, like start.sh),
# then removes DIR. Idempotent: a DIR that is gone, or whose server is not running, is fine.
# DIR is only removed when start.sh made it (it holds .aistudio-test-cluster) or it is empty.
set -uo pipefail

say() { echo "[postgres] $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

(($# == 1)) && [[ -n "$1" ]] || die "usage: $0 DIR"
DIR="$1"
[[ -e "$DIR" ]] || exit 0
DIR="$(cd "$DIR" && pwd)" || die "cannot enter $DIR"
[[ "$DIR" != / ]] || die "refusing to touch /"
if [[ ! -e "$DIR/.aistudio-test-cluster" ]] && [[ -n "$(ls -A "$DIR" 2>/dev/null)" ]]; then
  die "$DIR was not made by tests/postgres/start.sh (no .aistudio-test-cluster in it): not removing it"
fi

pid_of() { # the postmaster's pid from DIR/data/postmaster.pid, if that process is alive
  local pid
  pid="$(head -n 1 "$DIR/data/postmaster.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ ! -r "/proc/$pid/comm" ]] || grep -qE '^(postgres|postmaster)' "/proc/$pid/comm" || return 1   # a stale, reused pid
  echo "$pid"
}

if [[ -f "$DIR/data/postmaster.pid" ]]; then
  PG_CTL=""
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do [[ -x "$d/pg_ctl" ]] && PG_CTL="$d/pg_ctl"; done
  AS_PG=()
  if [[ "$(id -u)" == 0 ]] && id -u postgres >/dev/null 2>&1; then AS_PG=(runuser -u postgres --); fi
  if [[ -n "$PG_CTL" ]]; then
    say "stopping the server in $DIR/data"
    (cd "$DIR" && "${AS_PG[@]}" "$PG_CTL" stop -D "$DIR/data" -m immediate -w -t 30) >&2 \
      || say "pg_ctl stop failed (was the server running?)"
  fi
  if pid="$(pid_of)"; then   # no pg_ctl, or it did not stop: signal the postmaster ourselves
    say "stopping postmaster $pid with SIGQUIT"
    kill -QUIT "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null; sleep 0.5; fi
  fi
  if pid="$(pid_of)"; then die "postmaster $pid of $DIR/data is still running"; fi
fi

rm -rf "$DIR" || die "cannot remove $DIR"
exit 0
