#!/usr/bin/env bash
# Starts a private, throw-away PostgreSQL server for the tests (Debian's `postgresql` package).
#
#   tests/postgres/start.sh DIR        # stop and remove it with: tests/postgres/stop.sh DIR
#
# 1. installs Debian's `postgresql` package if no /usr/lib/postgresql/*/bin has pg_ctl and initdb
#    (apt-get; through sudo when not root and sudo exists)
# 2. creates a cluster in DIR/data (initdb --auth=trust -U postgres, UTF8, locale C): no password,
#    nothing outside DIR is touched
# 3. starts it with pg_ctl on a free TCP port of 127.0.0.1 (listen_addresses='127.0.0.1', the unix
#    socket in DIR/socket), tuned for speed, not durability (fsync, synchronous_commit and
#    full_page_writes off), max_connections=200; those settings are in DIR/data/aistudio-test.conf,
#    the server log is DIR/server.log, the connection string also goes to DIR/connection-string
# 4. waits until pg_isready answers (60 s at most)
# and prints exactly one line on stdout, an Npgsql connection string:
#   Host=127.0.0.1;Port=PORT;Username=postgres;Database=postgres
# Everything else goes to stderr. The exit code is non-zero, with a message, on any failure.
# initdb and postgres refuse to run as root: as root, DIR is given to the `postgres` system user
# (created by the Debian package) and they run through `runuser -u postgres --`.
set -uo pipefail

say() { echo "[postgres] $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

(($# == 1)) && [[ -n "$1" ]] || die "usage: $0 DIR"
DIR="$1"
READY_TIMEOUT=60

find_bin() { # newest /usr/lib/postgresql/<version>/bin that has pg_ctl and initdb
  local d best=""
  while IFS= read -r d; do
    [[ -x "$d/pg_ctl" && -x "$d/initdb" ]] && best="$d"
  done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V)
  echo "$best"
}

# --- 1. Debian package ------------------------------------------------------------------------------
BIN="$(find_bin)"
if [[ -z "$BIN" ]]; then
  SUDO=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "PostgreSQL is not installed and there is no sudo to install it: apt-get install -y --no-install-recommends postgresql"
    SUDO=(sudo)
  fi
  say "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  { "${SUDO[@]}" apt-get install -y -q --no-install-recommends postgresql \
    || { "${SUDO[@]}" apt-get update -q && "${SUDO[@]}" apt-get install -y -q --no-install-recommends postgresql; }
  } >&2 || die "apt-get install postgresql failed"
  BIN="$(find_bin)"
  [[ -n "$BIN" ]] || die "postgresql is installed but no /usr/lib/postgresql/*/bin has pg_ctl and initdb"
fi
say "using $BIN"

# --- 2. cluster directory and user ----------------------------------------------------------------
mkdir -p "$DIR" || die "cannot create $DIR"
DIR="$(cd "$DIR" && pwd)" || die "cannot enter $DIR"
[[ -e "$DIR/data" ]] && die "$DIR already holds a cluster: run tests/postgres/stop.sh $DIR first"
touch "$DIR/.aistudio-test-cluster" || die "cannot write in $DIR"   # lets stop.sh know it may remove DIR
AS_PG=()
if [[ "$(id -u)" == 0 ]]; then
  id -u postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' system user to run the server as"
  command -v runuser >/dev/null 2>&1 || die "running as root, but runuser (util-linux) is missing"
  chown -R postgres: "$DIR" || die "cannot chown $DIR to postgres"
  AS_PG=(runuser -u postgres --)
  (cd / && runuser -u postgres -- test -w "$DIR") \
    || die "the postgres user cannot write in $DIR (is a parent directory not searchable by it?): use a DIR in a world-searchable place, like one made by mktemp -d"
fi
pg() { (cd "$DIR" && "${AS_PG[@]}" "$@"); }   # as postgres when root; from DIR, where that user may be

# --- 3. initdb ------------------------------------------------------------------------------------
say "initdb in $DIR/data"
pg "$BIN/initdb" -D "$DIR/data" --auth=trust -U postgres --encoding=UTF8 --locale=C --no-sync >&2 \
  || die "initdb failed"

SOCKDIR="$DIR/socket"
if ((${#SOCKDIR} + 20 > 100)); then   # sun_path holds ~107 bytes with "/.s.PGSQL.NNNNN"
  say "$SOCKDIR is too long for a unix socket: TCP only"
  SOCKDIR=""
else
  pg mkdir -p "$SOCKDIR" || die "cannot create $SOCKDIR"
fi

pick_port() { # a TCP port of 127.0.0.1 that nothing listens on now
  local py p i
  for py in /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null 2>&1; then
      p="$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null)" \
        && [[ "$p" =~ ^[0-9]+$ ]] && { echo "$p"; return 0; }
    fi
  done
  for i in $(seq 1 200); do   # no python: random ports, free when a connection is refused
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# --- 4. start it, on a free port (another one if the port was taken in the meantime) ----------------
echo "include 'aistudio-test.conf'" | pg tee -a "$DIR/data/postgresql.conf" >/dev/null \
  || die "cannot write $DIR/data/postgresql.conf"
PORT=""
for attempt in 1 2 3 4 5; do
  p="$(pick_port)" || die "no free TCP port found on 127.0.0.1"
  pg tee "$DIR/data/aistudio-test.conf" >/dev/null <<EOF || die "cannot write $DIR/data/aistudio-test.conf"
# tests/postgres/start.sh: a throw-away test server, speed over durability
listen_addresses = '127.0.0.1'
port = $p
unix_socket_directories = '$SOCKDIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  say "starting on 127.0.0.1:$p (attempt $attempt)"
  seen="$(cat "$DIR/server.log" 2>/dev/null | wc -l)"
  if pg "$BIN/pg_ctl" start -D "$DIR/data" -l "$DIR/server.log" -w -t "$READY_TIMEOUT" >&2; then
    PORT="$p"; break
  fi
  if tail -n +"$((seen + 1))" "$DIR/server.log" 2>/dev/null | grep -qE "could not bind|already in use"; then
    say "port $p was taken: trying another one"
    continue
  fi
  tail -n 20 "$DIR/server.log" >&2 2>/dev/null
  die "pg_ctl start failed, see $DIR/server.log"
done
[[ -n "$PORT" ]] || die "pg_ctl start failed 5 times (ports taken?), see $DIR/server.log"

# --- 5. wait for it -------------------------------------------------------------------------------
ISREADY="$BIN/pg_isready"
[[ -x "$ISREADY" ]] || ISREADY="pg_isready"
deadline=$((SECONDS + READY_TIMEOUT))
until "$ISREADY" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -t 2; do
  if ((SECONDS >= deadline)); then
    tail -n 20 "$DIR/server.log" >&2 2>/dev/null
    die "the server on 127.0.0.1:$PORT did not answer pg_isready within ${READY_TIMEOUT}s, see $DIR/server.log"
  fi
  sleep 0.2
done

CONN="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
echo "$CONN" >"$DIR/connection-string" 2>/dev/null || true
say "ready on 127.0.0.1:$PORT"
echo "$CONN"
