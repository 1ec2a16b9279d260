#!/usr/bin/env bash
# Real Jupyter clients against the hub: proves that what JupyterLab and VS Code use speaks to it.
#
#   tests/clients/run.sh [--no-build] [--hub-dir DIR] [--request-log]
#
# 1. builds hub/AIStudio.Hub in Release (not with --no-build or --hub-dir) and starts it from its build output
#    (DIR: default hub/AIStudio.Hub/bin/Release/net10.0) on a free loopback port, with a throw-away data directory
#    and a random admin API token; waits for GET /api; stops it and its kernels at the end, also on failure
# 2. @jupyterlab/services 7 (JupyterLab 4's client library) in Node: tests/clients/jupyterlab-services/check.mjs,
#    its packages installed with `npm ci` from the committed package-lock.json
# 3. the stock `dotnet interactive` 1.0.712001 (VS Code Polyglot Notebooks' engine), installed as a .NET tool into the
#    bench's cache (as bench/kernel/run.sh does), driven over `dotnet-interactive stdio` by
#    tests/clients/dotnet-interactive/check.py: `#!connect jupyter` to the hub, then C# cells in the hub's kernel
# 4. the Datasets extension packed (Release) and loaded by that same dotnet interactive with `#r "nuget:"` from a local
#    feed, no hub involved: tests/clients/dotnet-interactive-extension.sh (runs standalone too)
# 5. a kernel outlives no hub: SIGKILL the hub with a kernel running, and its processes must end with it
# Each check prints "ok - ..." or "not ok - ..."; so does each setup step that fails. The last line is exactly
# `N passed, N failed` over all of them; the exit code is non-zero if anything failed or nothing ran.
# Logs (the hub's, npm's, dotnet-interactive's) go to $AISTUDIO_CLIENTS_OUTPUT (default TestResults/clients).
# --request-log makes the hub log every request (Microsoft.AspNetCore at Information) into hub.log.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
DI_VERSION=1.0.712001
BUILD=1
HUB_DIR=""
REQUEST_LOG=0
while (($#)); do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    --hub-dir) HUB_DIR="${2:?--hub-dir needs a directory}"; BUILD=0; shift 2 ;;
    --request-log) REQUEST_LOG=1; shift ;;
    *) echo "usage: tests/clients/run.sh [--no-build] [--hub-dir DIR] [--request-log]" >&2; exit 2 ;;
  esac
done
HUB_DIR="$(cd "${HUB_DIR:-$REPO/hub/AIStudio.Hub/bin/Release/net10.0}" 2>/dev/null && pwd || echo "${HUB_DIR:-$REPO/hub/AIStudio.Hub/bin/Release/net10.0}")"
OUT="${AISTUDIO_CLIENTS_OUTPUT:-$REPO/TestResults/clients}"
rm -rf "$OUT"; mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1 DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE=1

say() { echo "[clients] $*"; }
RESULTS_FILE="$(mktemp "${TMPDIR:-/tmp}/aistudio-clients-results.XXXXXX")"
check_line() { echo "$1" | tee -a "$RESULTS_FILE"; }   # a check of this script itself (setup steps that failed)
summary() {
  local p f
  p=$(grep -cE '^ok - ' "$RESULTS_FILE")
  f=$(grep -cE '^not ok - ' "$RESULTS_FILE")
  if ((p + f == 0)); then check_line "not ok - no check ran"; f=1; fi
  echo "$p passed, $f failed"
  ((f == 0))
}

TMP="$(mktemp -d "${TMPDIR:-/tmp}/aistudio-clients.XXXXXX")"
HUB_PID=""
cleanup() {
  if [[ -n "$HUB_PID" ]] && kill -0 "$HUB_PID" 2>/dev/null; then
    kill -TERM "$HUB_PID" 2>/dev/null   # the hub stops its kernels on a graceful stop
    for _ in $(seq 1 40); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$HUB_PID" 2>/dev/null && { say "the hub did not stop in 10 s: killing it"; kill -KILL -- "-$HUB_PID" 2>/dev/null || kill -KILL "$HUB_PID" 2>/dev/null; }
  fi
  # kernels this run's hub started and left behind name its data directory (connection file, history file)
  local pid
  for pid in $(pgrep -f -- "$TMP/" 2>/dev/null); do
    [[ "$pid" != "$$" ]] && kill -KILL "$pid" 2>/dev/null && say "killed leftover process $pid"
  done
  rm -rf "$TMP" "$RESULTS_FILE"
}
trap cleanup EXIT
trap 'echo; check_line "not ok - interrupted"; summary; exit 130' INT TERM

# --- the hub ----------------------------------------------------------------------------------------
if ((BUILD)); then
  ok=0
  for attempt in 1 2 3; do   # other builds may hold files on a busy machine: retry
    if dotnet build "$REPO/hub/AIStudio.Hub" -c Release -nologo -v quiet >"$OUT/build.log" 2>&1; then ok=1; break; fi
    say "build attempt $attempt failed"; sleep $((attempt * 5))
  done
  if ((!ok)); then tail -n 20 "$OUT/build.log"; check_line "not ok - dotnet build hub/AIStudio.Hub -c Release (see build.log)"; summary; exit 1; fi
fi
if [[ ! -f "$HUB_DIR/AIStudio.Hub.dll" || ! -f "$HUB_DIR/kernel/aistudio-kernel.dll" ]]; then
  check_line "not ok - the hub's build output: no AIStudio.Hub.dll and kernel/aistudio-kernel.dll in $HUB_DIR"
  summary; exit 1
fi

PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
URL="http://127.0.0.1:$PORT"
TOKEN="$("$PY" -c 'import secrets; print(secrets.token_hex(24))')"
mkdir -p "$TMP/data" "$TMP/work" "$TMP/di-work"
hub_env=(AISTUDIO_DATA_DIR="$TMP/data" AISTUDIO_ADMIN_TOKEN="$TOKEN" Logging__LogLevel__Default=Warning)
if ((REQUEST_LOG)); then hub_env+=(Logging__LogLevel__Microsoft.AspNetCore=Information); fi
say "hub: $HUB_DIR/AIStudio.Hub.dll on $URL"
# its own session (process group), so that the cleanup can end it with everything it started
(cd "$TMP/work" && exec setsid env "${hub_env[@]}" dotnet "$HUB_DIR/AIStudio.Hub.dll" --urls "$URL" >"$OUT/hub.log" 2>&1) &
HUB_PID=$!
started=$SECONDS
hub_up=0
while ((SECONDS - started < 90)); do
  if curl -sf -o /dev/null --max-time 5 "$URL/api"; then hub_up=1; break; fi
  kill -0 "$HUB_PID" 2>/dev/null || break
  sleep 0.5
done
if ((!hub_up)); then
  tail -n 30 "$OUT/hub.log"
  check_line "not ok - the hub answers GET /api (it did not within 90 s, or exited; see hub.log)"
  summary; exit 1
fi
say "hub: GET /api answers $(curl -s --max-time 5 "$URL/api") after $((SECONDS - started)) s"
export HUB_URL="$URL" HUB_TOKEN="$TOKEN"   # the checks read the token from the environment, not their command line

# --- @jupyterlab/services -----------------------------------------------------------------------------
echo; say "@jupyterlab/services (tests/clients/jupyterlab-services)"
JLS="$HERE/jupyterlab-services"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  check_line "not ok - @jupyterlab/services: node and npm are not installed (Node 20 or later)"
elif ! (cd "$JLS" && timeout --foreground -k 10 600 npm ci --no-audit --no-fund >"$OUT/npm-ci.log" 2>&1); then
  tail -n 20 "$OUT/npm-ci.log"
  check_line "not ok - @jupyterlab/services: npm ci failed (see npm-ci.log)"
else
  say "$(cd "$JLS" && node -e 'console.log(`node ${process.version}, @jupyterlab/services ${require("@jupyterlab/services/package.json").version}, ws ${require("ws/package.json").version}`)')"
  failed_before=$(grep -c '^not ok - ' "$RESULTS_FILE")
  (cd "$JLS" && timeout --foreground -k 10 180 node check.mjs --timeout 120) 2>"$OUT/jupyterlab-services.stderr.log" | tee -a "$RESULTS_FILE"
  rc=${PIPESTATUS[0]}
  if ((rc != 0)) && (($(grep -c '^not ok - ' "$RESULTS_FILE") == failed_before)); then
    check_line "not ok - @jupyterlab/services: check.mjs exited $rc without a failed check (see jupyterlab-services.stderr.log)"
  fi
fi

# --- dotnet interactive ---------------------------------------------------------------------------------
echo; say "dotnet interactive $DI_VERSION (tests/clients/dotnet-interactive)"
DI="$("$HERE/dotnet-interactive-tool.sh" "$OUT/dotnet-tool-install.log")"
if [[ -z "$DI" ]]; then
  check_line "not ok - dotnet interactive: dotnet tool install Microsoft.dotnet-interactive --version $DI_VERSION failed (see dotnet-tool-install.log)"
else
  failed_before=$(grep -c '^not ok - ' "$RESULTS_FILE")
  timeout --foreground -k 10 420 "$PY" "$HERE/dotnet-interactive/check.py" --tool "$DI" --timeout 360 \
    --log "$OUT/dotnet-interactive.log" --workdir "$TMP/di-work" 2>&1 | tee -a "$RESULTS_FILE"
  rc=${PIPESTATUS[0]}
  if ((rc != 0)) && (($(grep -c '^not ok - ' "$RESULTS_FILE") == failed_before)); then
    check_line "not ok - dotnet interactive: check.py exited $rc without a failed check (see dotnet-interactive.log)"
  fi
fi

# --- the Datasets extension in the stock dotnet interactive, from its package ---------------------------------
echo; say "the extensions in dotnet interactive $DI_VERSION (tests/clients/dotnet-interactive-extension.sh)"
failed_before=$(grep -c '^not ok - ' "$RESULTS_FILE")
ext_args=(-c Release --log-dir "$OUT")
[[ -x "$DI" ]] && ext_args+=(--tool "$DI")
# its own summary line is left out: this script's is the one last line
timeout --foreground -k 10 900 "$HERE/dotnet-interactive-extension.sh" "${ext_args[@]}" 2>&1 \
  | grep -vE '^[0-9]+ passed, [0-9]+ failed$' | tee -a "$RESULTS_FILE"
rc=${PIPESTATUS[0]}
if ((rc != 0)) && (($(grep -c '^not ok - ' "$RESULTS_FILE") == failed_before)); then
  check_line "not ok - dotnet interactive extension: dotnet-interactive-extension.sh exited $rc without a failed check"
fi

# --- the hub's kernels end with it, even when it is killed ----------------------------------------------
echo; say "the hub killed with SIGKILL"
kernel_json="$(curl -s --max-time 30 -X POST -H "Authorization: token $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"aistudio-csharp"}' "$URL/api/kernels")"
kernel_id="$("$PY" -c 'import json,sys; print(json.loads(sys.argv[1]).get("id",""))' "$kernel_json" 2>/dev/null)"
if [[ -z "$kernel_id" ]]; then
  check_line "not ok - POST /api/kernels starts a kernel (it answered: ${kernel_json:0:200})"
else
  for _ in $(seq 1 40); do pgrep -f -- "kernel-$kernel_id.json" >/dev/null && break; sleep 0.25; done
  kernel_pids="$(pgrep -f -- "kernel-$kernel_id.json" | tr '\n' ' ')"
  kill -KILL "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null; HUB_PID=""
  left=""
  # every kernel of the hub's (warm pool included) names a connection file in its data directory's runtime folder
  for _ in $(seq 1 40); do left="$(pgrep -f -- "$TMP/data/runtime/" | tr '\n' ' ')"; [[ -z "$left" ]] && break; sleep 0.25; done
  if [[ -z "$kernel_pids" ]]; then
    check_line "not ok - kernel $kernel_id has a process (none names its connection file)"
  elif [[ -n "$left" ]]; then
    check_line "not ok - the hub's kernel processes ($kernel_pids and any warm ones) end within 10 s of its SIGKILL (still running: $left)"
  else
    check_line "ok - the hub's kernel processes ($kernel_pids and any warm ones) ended with it, killed by SIGKILL"
  fi
fi

echo
if grep -q '^not ok - ' "$RESULTS_FILE"; then
  say "the hub's log (warnings and errors), last 40 lines:"
  tail -n 40 "$OUT/hub.log"
fi
summary
