#!/usr/bin/env bash
# Hub benchmark: the AI Studio hub against JupyterHub 3.0 and jupyter_server 1.23 (Debian's), in one run.
#
#   bench/hub/run.sh [--hub-dir DIR] [bench.py options, e.g. --duration 10 --starts 3 --sessions 3 --pooled-sessions 7
#                                      --warm 1000 --warmup 10 --pool 2 --md-out FILE]
#   bench/hub/run.sh --md-out bench/hub/last-run.md      (the run whose table is kept in the repository)
#   bench/hub/run.sh --framework-dependent …   the published start-up row from a framework-dependent ReadyToRun publish
#                                    instead of the hub's Server profile (a self-contained composite image: the runtime
#                                    and the hub precompiled together; a publish of several minutes)
#
# --hub-dir: a built hub (the folder with AIStudio.Hub.dll and kernel/aistudio-kernel.dll); by default the
# Release build under hub/AIStudio.Hub/bin/Release/net10.0, built with `dotnet build -c Release` when missing.
# The build is copied to a private work directory first, so a rebuild during the run changes nothing; the hub is also
# published there as a server ships it (`-p:PublishProfile=Server`, see the README), whose start-up is measured as well.
#
# Installs what it needs from Debian when missing (apt): jupyterhub (with node-configurable-http-proxy),
# python3-jupyter-server, python3-jupyter-client, wrk. Every process the run starts (hubs,
# JupyterHub and its proxy, jupyter_server, kernels) is ended when it stops, on failure too.
# Results: bench/results/hub-*.{json,md} (git-ignored); server logs: bench/results/hub-logs/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { echo "[bench] $*" >&2; }

HUB_DIR=""
FRAMEWORK_DEPENDENT=0
args=()
while (($#)); do
  case "$1" in
    --framework-dependent) FRAMEWORK_DEPENDENT=1; shift ;;
    --hub-dir) HUB_DIR="$2"; shift 2 ;;
    --hub-dir=*) HUB_DIR="${1#--hub-dir=}"; shift ;;
    --md-out) args+=("$1" "$(realpath -m -- "$2")"); shift 2 ;;  # the bench runs in its work directory
    --md-out=*) args+=("--md-out=$(realpath -m -- "${1#--md-out=}")"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done

# The peers and the tools, from Debian
missing=()
for p in jupyterhub python3-jupyter-server python3-jupyter-client wrk; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [[ "$(id -u)" != 0 ]] && SUDO=sudo
  say "installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  # Debian's jupyterhub package enables a system service; on a machine with systemd it would now be serving
  # port 8000. The bench starts its own JupyterHub: stop the one the install started.
  if [[ " ${missing[*]} " == *" jupyterhub "* ]] && command -v systemctl >/dev/null \
     && systemctl is-active --quiet jupyterhub 2>/dev/null; then
    say "stopping and disabling the jupyterhub system service the package install started"
    $SUDO systemctl disable --now jupyterhub >&2 || true
  fi
fi

# Our hub: the given build, else the Release build (built when missing)
if [[ -z "$HUB_DIR" ]]; then
  HUB_DIR="$REPO/hub/AIStudio.Hub/bin/Release/net10.0"
  if [[ ! -f "$HUB_DIR/AIStudio.Hub.dll" || ! -f "$HUB_DIR/kernel/aistudio-kernel.dll" ]]; then
    say "building the hub (Release)"
    dotnet build "$REPO/hub/AIStudio.Hub" -c Release -nologo -v quiet >&2
  fi
fi
if [[ ! -f "$HUB_DIR/AIStudio.Hub.dll" || ! -f "$HUB_DIR/kernel/aistudio-kernel.dll" ]]; then
  say "no AIStudio.Hub.dll and kernel/aistudio-kernel.dll in $HUB_DIR"; exit 2
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/aistudio-hub-bench.XXXXXX")"
RESULTS="$REPO/bench/results"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # everything this run started names the work directory on its command line (the hub copy, data and config
  # dirs, kernels' connection files) or is a child of something that does (JupyterHub's proxy)
  local pids=() p
  for p in $(pgrep -f -- "$WORK" 2>/dev/null); do
    [[ "$p" == "$$" ]] && continue
    pids+=("$p") && pids+=($(pgrep -P "$p" 2>/dev/null || true))
  done
  for f in "$WORK"/*/proxy.pid; do [[ -f "$f" ]] && pids+=("$(cat "$f")"); done
  for p in $(printf '%s\n' "${pids[@]}" | sort -un); do
    kill -9 "$p" 2>/dev/null && say "killed leftover process $p"
  done
  if [[ -d "$WORK/logs" ]]; then
    mkdir -p "$RESULTS"; rm -rf "$RESULTS/hub-logs"; cp -r "$WORK/logs" "$RESULTS/hub-logs" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "copying the hub build from $HUB_DIR"
cp -a "$HUB_DIR" "$WORK/hub"

# The same hub published as a server ships it (the Server publish profile: self-contained, one ReadyToRun composite
# image): its start-up is measured too.
# A publish of another kind leaves ReadyToRun lists in obj/ that the next one would reuse (a hub that cannot find its
# composite image): start from a clean intermediate folder for the runtime identifier.
rm -rf "$REPO/hub/AIStudio.Hub/obj/Release/net10.0/linux-x64"
publish=(-p:PublishProfile=Server) kind="the Server profile (ReadyToRun composite, self-contained)"
if ((FRAMEWORK_DEPENDENT)); then
  publish=(-c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true) kind="ReadyToRun, framework-dependent"
fi
args+=(--r2r-kind "$kind")
say "publishing the hub into the work directory (${publish[*]})"
if dotnet publish "$REPO/hub/AIStudio.Hub" "${publish[@]}" -o "$WORK/hub-r2r" -nologo -v quiet >"$WORK/publish.log" 2>&1; then
  args+=(--r2r-dir "$WORK/hub-r2r")
else
  tail -n 20 "$WORK/publish.log" >&2; say "ReadyToRun publish failed: its start-up is not measured"
fi

# The publish leaves MSBuild's and the compilers' servers running and its output in the page cache to be written:
# neither should share the machine with the measurements (bench.py also starts each server on an idle machine).
dotnet build-server shutdown >/dev/null 2>&1 || true
sync
say "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPU(s)"
cd "$WORK"
timeout -k 10 2400 "$PY" "$HERE/bench.py" --hub-dir "$WORK/hub" --work "$WORK" --results "$RESULTS" "${args[@]}"
