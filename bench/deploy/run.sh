#!/usr/bin/env bash
# Deployment serving benchmark (issue 7): a small ONNX model served through the hub
# (POST /deployments/{owner}/{name}/predict, wrk -t2 -c20 -d10s) against ONNX Runtime called directly in-process
# (the physical floor, 20 concurrent tasks): predictions/s, p50, p99, and p50/p99 at a fixed offered 2,000/s (paced,
# wrk2's way) for both, hub-added p99 there. Targets: hub-added p99 ≤ 2 ms, ≥ 2,000 predictions/s.
#
#   bench/deploy/run.sh [--hub-dir DIR] [bench.py options: --duration 10 --connections 20 --threads 2 --md-out FILE]
#   bench/deploy/run.sh --md-out bench/deploy/last-run.md      (the run whose table is kept in the repository)
#
# --hub-dir: a built hub (the folder with AIStudio.Hub.dll); by default the Release build under
# hub/AIStudio.Hub/bin/Release/net10.0, built with `dotnet build -c Release` when missing or older than the hub's sources.
# It is copied to a private work directory first, so a rebuild during the run changes nothing. DeployBench (the model
# and the floor, bench/deploy/DeployBench) is built in Release. Installs wrk from Debian when missing.
# Results: bench/results/deploy-*.{json,md} (git-ignored); the hub's log: bench/results/deploy-logs/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { echo "[bench] $*" >&2; }

HUB_DIR=""
args=()
while (($#)); do
  case "$1" in
    --hub-dir) HUB_DIR="$2"; shift 2 ;;
    --hub-dir=*) HUB_DIR="${1#--hub-dir=}"; shift ;;
    --md-out) args+=("$1" "$(realpath -m -- "$2")"); shift 2 ;;  # the bench runs in its work directory
    --md-out=*) args+=("--md-out=$(realpath -m -- "${1#--md-out=}")"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done

if ! command -v wrk >/dev/null; then
  SUDO=""; [[ "$(id -u)" != 0 ]] && SUDO=sudo
  say "installing wrk"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk
fi

# The hub: the given build, else the Release build (built when missing or older than a source file of the hub)
if [[ -z "$HUB_DIR" ]]; then
  HUB_DIR="$REPO/hub/AIStudio.Hub/bin/Release/net10.0"
  if [[ ! -f "$HUB_DIR/AIStudio.Hub.dll" ]] \
     || [[ -n "$(find "$REPO/hub/AIStudio.Hub" \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/obj/*' -not -path '*/bin/*' \
                   -newer "$HUB_DIR/AIStudio.Hub.dll" -print -quit)" ]]; then
    say "building the hub (Release)"
    nice dotnet build "$REPO/hub/AIStudio.Hub" -c Release -nologo -v quiet >&2
  fi
fi
if [[ ! -f "$HUB_DIR/AIStudio.Hub.dll" ]]; then
  say "no AIStudio.Hub.dll in $HUB_DIR"; exit 2
fi

say "building DeployBench (Release)"
nice dotnet build "$HERE/DeployBench/DeployBench.csproj" -c Release -nologo -v quiet >&2
BENCH_DLL="$HERE/DeployBench/bin/Release/net10.0/DeployBench.dll"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/aistudio-deploy-bench.XXXXXX")"
RESULTS="$REPO/bench/results"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # everything this run started names the work directory on its command line (the hub copy, its data directory)
  local p
  for p in $(pgrep -f -- "$WORK" 2>/dev/null); do
    [[ "$p" == "$$" ]] && continue
    kill -9 "$p" 2>/dev/null && say "killed leftover process $p"
  done
  if [[ -d "$WORK/logs" ]]; then
    mkdir -p "$RESULTS"; rm -rf "$RESULTS/deploy-logs"; cp -r "$WORK/logs" "$RESULTS/deploy-logs" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "copying the hub build from $HUB_DIR"
cp -a "$HUB_DIR" "$WORK/hub"

say "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPU(s)"
cd "$WORK"
timeout -k 10 900 "$PY" "$HERE/bench.py" --hub-dir "$WORK/hub" --bench-dll "$BENCH_DLL" --work "$WORK" \
  --results "$RESULTS" "${args[@]}"
