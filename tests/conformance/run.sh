#!/usr/bin/env bash
# Jupyter conformance run for the AI Studio C# kernel.
#
#   tests/conformance/run.sh [--no-build] [test_module[.Class[.test]] ...]
#
# Builds kernel/AIStudio.Kernel (Release), installs its kernelspec with
# `aistudio-kernel install --prefix <temp dir>`, points JUPYTER_PATH (and Jupyter's data, config and
# runtime dirs) at that temp dir, and runs the test modules in this folder with Debian's
# /usr/bin/python3 (jupyter_kernel_test, nbclient, jupyter console). Default: every test_*.py here.
# The last line of output is exactly `N passed, N failed`; the exit code is non-zero if anything failed.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
KERNEL_NAME="${AISTUDIO_KERNEL_NAME:-aistudio-csharp}"
BUILD=1
if [[ "${1:-}" == "--no-build" ]]; then BUILD=0; shift; fi

say() { echo "[conformance] $*"; }
finish_failed() { say "$*"; echo "0 passed, 1 failed"; exit 1; }

if ! "$PY" -c 'import jupyter_kernel_test, nbclient, jupyter_client, nbformat' 2>/dev/null; then
  finish_failed "Debian's Jupyter packages are missing: apt-get install -y python3-jupyter-kernel-test python3-nbclient jupyter-client python3-ipykernel jupyter-console"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if (( BUILD )); then
  ok=0
  for attempt in 1 2 3; do   # other builds may hold files on a busy machine: retry
    if dotnet build -c Release "$REPO/kernel/AIStudio.Kernel" -nologo -v quiet; then ok=1; break; fi
    say "build attempt $attempt failed"; sleep $((attempt * 5))
  done
  (( ok )) || finish_failed "dotnet build -c Release kernel/AIStudio.Kernel failed"
fi

DLL=""
for config in Release Debug; do
  candidate="$REPO/kernel/AIStudio.Kernel/bin/$config/net10.0/aistudio-kernel.dll"
  if [[ -f "$candidate" ]]; then DLL="$candidate"; break; fi
done
[[ -n "$DLL" ]] || finish_failed "aistudio-kernel.dll not found under kernel/AIStudio.Kernel/bin/{Release,Debug}/net10.0"
say "kernel: $DLL"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/aistudio-conformance.XXXXXX")"
PREFIX="$TMP/prefix"
mkdir -p "$PREFIX" "$TMP/data" "$TMP/config" "$TMP/runtime" "$TMP/ipython" "$TMP/work"
chmod 700 "$TMP/runtime"

cleanup() {
  # End kernels this run started and left behind: their command line names a connection file under $TMP.
  local pid
  for pid in $(pgrep -f -- "$TMP/runtime" 2>/dev/null); do
    [[ "$pid" != "$$" ]] && kill -9 "$pid" 2>/dev/null && say "killed leftover kernel process $pid"
  done
  rm -rf "$TMP"
}
trap cleanup EXIT

SPEC_DIR="$PREFIX/share/jupyter/kernels/$KERNEL_NAME"
install_log="$TMP/install.log"
if timeout 120 dotnet "$DLL" install --prefix "$PREFIX" >"$install_log" 2>&1 && [[ -f "$SPEC_DIR/kernel.json" ]]; then
  export AISTUDIO_KERNELSPEC_INSTALL=ok
  say "kernelspec installed: $SPEC_DIR/kernel.json"
  cat "$SPEC_DIR/kernel.json"; echo
else
  export AISTUDIO_KERNELSPEC_INSTALL="exit or missing $SPEC_DIR/kernel.json: $(tail -c 400 "$install_log" | tr '\n' ' ')"
  say "'aistudio-kernel install --prefix' failed ($AISTUDIO_KERNELSPEC_INSTALL); writing a stand-in kernelspec so the other checks still run"
  mkdir -p "$SPEC_DIR"
  "$PY" - "$SPEC_DIR/kernel.json" "$DLL" <<'EOF'
import json, shutil, sys
path, dll = sys.argv[1], sys.argv[2]
json.dump({"argv": [shutil.which("dotnet") or "dotnet", dll, "--connection-file", "{connection_file}"],
           "display_name": "C# (AI Studio)", "language": "csharp", "interrupt_mode": "message"},
          open(path, "w"), indent=1)
EOF
fi

export JUPYTER_PATH="$PREFIX/share/jupyter"
export JUPYTER_DATA_DIR="$TMP/data" JUPYTER_CONFIG_DIR="$TMP/config" JUPYTER_RUNTIME_DIR="$TMP/runtime"
export IPYTHONDIR="$TMP/ipython" PYDEVD_DISABLE_FILE_VALIDATION=1 PYTHONDONTWRITEBYTECODE=1
# the kernel keeps history in $XDG_DATA_HOME/aistudio (or AISTUDIO_HISTORY_FILE): keep it private to this run,
# so that history tests see only this run's cells
export XDG_DATA_HOME="$TMP/xdg-data" AISTUDIO_HISTORY_FILE="$TMP/xdg-data/aistudio/kernel-history.jsonl"
export AISTUDIO_KERNEL_NAME="$KERNEL_NAME" AISTUDIO_KERNELSPEC_PREFIX="$PREFIX"

log="$TMP/run.log"
cd "$TMP/work"
timeout -k 10 1500 "$PY" "$HERE/run_tests.py" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# Python may print atexit noise after the summary: end with the plain counts line ourselves.
summary="$(grep -E '^conformance: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 | grep -oE '[0-9]+ passed, [0-9]+ failed')"
if [[ -z "$summary" ]]; then
  say "the test runner ended without a summary (exit $rc)"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "$summary"
exit "$rc"
