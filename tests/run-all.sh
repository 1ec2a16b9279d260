#!/usr/bin/env bash
# Every test of the repository, in one command (this is what .ci/run calls).
#
#   tests/run-all.sh
#
# 1. installs the Debian packages the Jupyter conformance run and the browser tests need, if missing (chromium among them)
# 2. builds AIStudio.sln once, in Release (the hub's build runs `npm ci` and bundles the notebook page)
# 3. runs `dotnet test --no-build -c Release` on every *.Tests project (TRX logger, counters parsed), the browser tests
#    (tests/e2e: Playwright for .NET driving Debian's Chromium against the hub's process) among them
# 4. runs the hub tests (tests/AIStudio.Hub.Tests) a second time against a real PostgreSQL server: a
#    throw-away cluster from Debian's postgresql package (tests/postgres/start.sh installs it if
#    missing), given to the tests as AISTUDIO_TEST_DB=postgres and AISTUDIO_TEST_POSTGRES=<connection string>
# 5. runs the Jupyter conformance run (tests/conformance/run.sh: jupyter_kernel_test, nbclient, jupyter console)
# 6. runs real Jupyter clients against the hub (tests/clients/run.sh: @jupyterlab/services 7 in Node, installed with
#    `npm ci`; the stock `dotnet interactive` 1.0.712001 with `#!connect jupyter`, installed as a private .NET tool)
# and ends with a plain last line `N passed, N failed`. The exit code is non-zero if anything failed,
# if a step could not run, or if no test ran at all. Results (TRX, executed notebooks, logs) go to
# TestResults/run-all/ (git-ignored).
set -uo pipefail   # no -e: every part runs and is reported even when an earlier one fails

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
RESULTS="$REPO/TestResults/run-all"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export AISTUDIO_TEST_OUTPUT="$RESULTS/conformance"

TOTAL_PASSED=0
TOTAL_FAILED=0
REPORT=()
section() { echo; echo "=== $* ==="; }
record() { # name passed failed [note]
  TOTAL_PASSED=$((TOTAL_PASSED + $2)); TOTAL_FAILED=$((TOTAL_FAILED + $3))
  REPORT+=("$(printf '%-48s %5s passed %5s failed  %s' "$1" "$2" "$3" "${4:-}")")
}

# --- 1. Debian packages -------------------------------------------------------------------------
section "Debian packages"
APT_PACKAGES=(python3-jupyter-kernel-test python3-nbclient jupyter-client python3-ipykernel jupyter-console bubblewrap chromium)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then SUDO="sudo"; fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || echo "apt-get install failed: the conformance run will report it"
else
  echo "all present: ${APT_PACKAGES[*]}"
fi

# --- 2. build ---------------------------------------------------------------------------------------
section "dotnet build AIStudio.sln -c Release"
build_ok=0
for attempt in 1 2 3; do   # a busy machine can fail a build with IO errors: retry
  timeout -k 30 2400 dotnet build AIStudio.sln -c Release -nologo >"$RESULTS/build.log" 2>&1
  rc=$?
  grep -E ": (error|warning) |Build succeeded|Build FAILED|Time Elapsed" "$RESULTS/build.log" | sort -u | tail -n 40
  if ((rc == 0)); then build_ok=1; break; fi
  echo "build attempt $attempt failed (exit $rc)"; sleep $((attempt * 5))
done
if ((build_ok)); then record "build (AIStudio.sln, Release)" 0 0 ok; else record "build (AIStudio.sln, Release)" 0 1 "FAILED, see TestResults/run-all/build.log"; fi

# --- 3. dotnet test -----------------------------------------------------------------------------
section "dotnet test"
mapfile -t PROJECTS < <(
  {
    dotnet sln AIStudio.sln list 2>/dev/null | tr '\\' '/' | grep -E '\.Tests\.csproj$'
    for f in tests/*/*.Tests.csproj; do [[ -f "$f" ]] && echo "$f"; done
  } | sed 's#^\./##' | sort -u
)
trx_counts() { # file -> "passed failed" (failed counts failed, error, timeout, aborted)
  /usr/bin/python3 - "$1" <<'EOF'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
    c = next(e for e in root.iter() if e.tag.endswith("Counters"))
    n = lambda k: int(c.get(k, "0") or 0)
    print(n("passed"), n("failed") + n("error") + n("timeout") + n("aborted"))
except Exception:
    print("x x")
EOF
}
trx_failures() { # trx tails -> per failed test: its name and the start of its message; its output's end into tails
  /usr/bin/python3 - "$1" "$2" <<'EOF'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
    for r in root.iter():
        if r.tag.endswith("UnitTestResult") and r.get("outcome") not in ("Passed", "NotExecuted"):
            msg = next((m.text or "" for m in r.iter() if m.tag.endswith("Message")), "")
            lines = [line.strip()[:200] for line in msg.strip().splitlines() if line.strip()][:6]
            print(f"{r.get('testName')} [{r.get('duration', '')}]: " + " | ".join(lines))
            # The test's own output (the hub's or kernel's log lines it attached), its end, for the run's last lines.
            out = next((m.text or "" for m in r.iter() if m.tag.endswith("StdOut")), "")
            with open(sys.argv[2], "a", encoding="utf-8") as tails:
                tails.write(f"--- {r.get('testName')}: the end of its output\n")
                tails.writelines(line + "\n" for line in out.strip().splitlines()[-25:])
except Exception as e:
    print(f"(could not read {sys.argv[1]}: {e})")
EOF
}
FAILURES=()
if ((${#PROJECTS[@]} == 0)); then echo "no test projects found"; fi
run_test_project() { # name proj [label]: dotnet test on proj, into $RESULTS/name.trx and name.log, recorded
  local name="$1" proj="$2" label="${3:-dotnet test $1}" trx rc p f
  echo "--- $name"
  trx="$RESULTS/$name.trx"
  timeout -k 30 2400 dotnet test "$proj" --no-build -c Release --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS" --blame-hang-timeout 10m --blame-hang-dump-type none \
    >"$RESULTS/$name.log" 2>&1
  rc=$?
  grep -E -A 4 "^\s*Failed [A-Za-z]" "$RESULTS/$name.log" | head -n 120
  grep -E "^\s*(Total tests|Passed|Failed|Skipped):? " "$RESULTS/$name.log" | grep -vE "^\s*(Passed|Failed) [A-Za-z]" | tail -n 6
  read -r p f < <(if [[ -f "$trx" ]]; then trx_counts "$trx"; else echo "x x"; fi)
  if [[ "$p" == x ]]; then
    record "$label" 0 1 "no TRX results (exit $rc), see TestResults/run-all/$name.log"
  elif ((rc != 0 && f == 0)); then
    record "$label" "$p" 1 "exit $rc with no failed test: host crash or hang? see $name.log"
  else
    record "$label" "$p" "$f"
  fi
  if [[ -f "$trx" && "$f" != 0 ]]; then
    mapfile -t -O "${#FAILURES[@]}" FAILURES < <(trx_failures "$trx" "$RESULTS/failed-output.txt" | sed "s#^#$name: #")
    for log in TestResults/e2e/hub.log TestResults/e2e/browser-console.log; do   # the browser tests' hub and page logs
      if [[ "$name" == *E2E* && -f "$log" ]]; then
        { echo "--- the end of $log"; tail -n 30 "$log"; } >>"$RESULTS/failed-output.txt"
      fi
    done
  fi
}
for proj in "${PROJECTS[@]}"; do
  run_test_project "$(basename "$proj" .csproj)" "$proj"
done

# --- 4. hub tests on PostgreSQL -------------------------------------------------------------------
section "hub tests on PostgreSQL (tests/postgres/start.sh)"
# The cluster lives in a mktemp dir, not under TestResults: as root, initdb and postgres run as the
# postgres user, which must be able to reach the directory (the repository may sit in a private home directory).
PG_CLUSTER="$(mktemp -d "${TMPDIR:-/tmp}/aistudio-test-pg.XXXXXX")"
stop_postgres() {
  [[ -n "${PG_CLUSTER:-}" ]] || return 0
  cp "$PG_CLUSTER/server.log" "$RESULTS/postgres-server.log" 2>/dev/null
  "$REPO/tests/postgres/stop.sh" "$PG_CLUSTER" >>"$RESULTS/postgres-cluster.log" 2>&1 \
    || echo "could not stop the PostgreSQL cluster in $PG_CLUSTER, see TestResults/run-all/postgres-cluster.log"
  PG_CLUSTER=""
}
trap stop_postgres EXIT   # also on an interrupted run
pg_label="dotnet test AIStudio.Hub.Tests (PostgreSQL)"
if [[ -z "$PG_CLUSTER" ]]; then
  record "$pg_label" 0 1 "mktemp -d failed: no PostgreSQL cluster"
elif PG_CONN="$("$REPO/tests/postgres/start.sh" "$PG_CLUSTER" 2>"$RESULTS/postgres-cluster.log")" && [[ -n "$PG_CONN" ]]; then
  echo "PostgreSQL: $PG_CONN"
  AISTUDIO_TEST_DB=postgres AISTUDIO_TEST_POSTGRES="$PG_CONN" \
    run_test_project AIStudio.Hub.Tests.postgres tests/AIStudio.Hub.Tests/AIStudio.Hub.Tests.csproj "$pg_label"
else
  tail -n 20 "$RESULTS/postgres-cluster.log"
  record "$pg_label" 0 1 "could not start PostgreSQL, see TestResults/run-all/postgres-cluster.log"
fi
stop_postgres

# --- 5. Jupyter conformance -------------------------------------------------------------------------
section "Jupyter conformance (tests/conformance/run.sh)"
conf_args=()
if ((build_ok)); then conf_args+=(--no-build); fi
"$REPO/tests/conformance/run.sh" "${conf_args[@]}" 2>&1 | tee "$RESULTS/conformance.log"
summary="$(tail -n 1 "$RESULTS/conformance.log")"
if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  record "Jupyter conformance" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
else
  record "Jupyter conformance" 0 1 "no summary line"
fi

# --- 6. real Jupyter clients against the hub ------------------------------------------------------------
section "real Jupyter clients (tests/clients/run.sh)"
clients_args=()
if ((build_ok)); then clients_args+=(--no-build); fi
AISTUDIO_CLIENTS_OUTPUT="$RESULTS/clients" "$REPO/tests/clients/run.sh" "${clients_args[@]}" 2>&1 | tee "$RESULTS/clients.log"
summary="$(tail -n 1 "$RESULTS/clients.log")"
if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  record "real Jupyter clients (hub)" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
else
  record "real Jupyter clients (hub)" 0 1 "no summary line"
fi

# --- summary --------------------------------------------------------------------------------------
section "summary"
printf '%s\n' "${REPORT[@]}"
if [[ -f "$RESULTS/failed-output.txt" ]]; then
  echo; head -n 120 "$RESULTS/failed-output.txt"
fi
if ((${#FAILURES[@]})); then
  echo; echo "failed tests (details in TestResults/run-all/<project>.log):"
  printf '  %s\n' "${FAILURES[@]}"
fi
if ((TOTAL_PASSED == 0 && TOTAL_FAILED == 0)); then
  echo "no tests ran: that counts as a failure"
  TOTAL_FAILED=1
fi
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
((TOTAL_FAILED == 0))
