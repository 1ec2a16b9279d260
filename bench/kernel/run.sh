#!/usr/bin/env bash
# Kernel benchmark: AI Studio's C# kernel against dotnet-interactive and ipykernel.
#
#   bench/kernel/run.sh [bench.py options, e.g. --kernels python3,.net-csharp --starts 3 --warm 200]
#   bench/kernel/run.sh --long [--cells 1000]   (long sessions: time and memory per cell against the cell count)
#
# Installs what it needs, privately: Debian's ipykernel and jupyter-client (apt, if missing), the peer
# `Microsoft.dotnet-interactive` 1.0.712001 as a .NET tool under the bench cache, and the kernelspecs of
# all three kernels in a private JUPYTER_PATH; builds our kernel in Release; runs bench.py.
# Results: bench/results/ (git-ignored). Cache: $AISTUDIO_BENCH_CACHE (default ${TMPDIR:-/tmp}/aistudio-bench).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
CACHE="${AISTUDIO_BENCH_CACHE:-${TMPDIR:-/tmp}/aistudio-bench}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1 DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE=1

say() { echo "[bench] $*" >&2; }

# Debian's Jupyter client and ipykernel
missing=()
for p in jupyter-client python3-ipykernel; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [[ "$(id -u)" != 0 ]] && SUDO=sudo
  say "installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

mkdir -p "$CACHE"
KSPECS="$CACHE/jupyter/kernels"
rm -rf "$CACHE/jupyter" "$CACHE/ipython" "$CACHE/xdg-data"
mkdir -p "$KSPECS" "$CACHE/data" "$CACHE/config" "$CACHE/runtime" "$CACHE/ipython" "$CACHE/work"
chmod 700 "$CACHE/runtime"

# Peer 1: dotnet-interactive, as a .NET tool under the cache (reused between runs)
"$HERE/../peers/dotnet-interactive.sh" "$CACHE" "$KSPECS" || say "the bench will report .net-csharp as failed"

# Peer 2: ipykernel, Debian's, under its own name
"$PY" - "$KSPECS/python3" <<'EOF'
import json, os, sys
os.makedirs(sys.argv[1], exist_ok=True)
json.dump({"argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
           "display_name": "Python 3 (ipykernel)", "language": "python"},
          open(os.path.join(sys.argv[1], "kernel.json"), "w"), indent=1)
EOF

# Ours: Release build, kernelspec through its own install command
if ! dotnet build -c Release "$REPO/kernel/AIStudio.Kernel" -nologo -v quiet >&2; then
  say "build failed once (a concurrent build?); retrying"; sleep 5
  dotnet build -c Release "$REPO/kernel/AIStudio.Kernel" -nologo -v quiet >&2 || say "build failed: the bench will report aistudio-csharp as failed"
fi
DLL="$REPO/kernel/AIStudio.Kernel/bin/Release/net10.0/aistudio-kernel.dll"
if [[ -f "$DLL" ]] && timeout 120 dotnet "$DLL" install --prefix "$CACHE/ours" >&2; then
  rm -rf "$KSPECS/aistudio-csharp"
  cp -r "$CACHE/ours/share/jupyter/kernels/aistudio-csharp" "$KSPECS/"
else
  say "aistudio-kernel install failed: the bench will report aistudio-csharp as failed"
fi

export JUPYTER_PATH="$CACHE/jupyter" JUPYTER_DATA_DIR="$CACHE/data" JUPYTER_CONFIG_DIR="$CACHE/config"
export JUPYTER_RUNTIME_DIR="$CACHE/runtime" IPYTHONDIR="$CACHE/ipython" PYDEVD_DISABLE_FILE_VALIDATION=1
# every kernel starts with an empty history of its own (ours: $XDG_DATA_HOME/aistudio; ipykernel: IPYTHONDIR)
export XDG_DATA_HOME="$CACHE/xdg-data" AISTUDIO_HISTORY_FILE="$CACHE/xdg-data/aistudio/kernel-history.jsonl"
export PATH="$CACHE/tools:$PATH"   # dotnet-interactive, installed there by bench/peers/dotnet-interactive.sh
cd "$CACHE/work"
rc=0
script=bench.py
if [[ "${1:-}" == "--long" ]]; then shift; script=long_session.py; fi
timeout -k 10 3000 "$PY" "$HERE/$script" "$@" || rc=$?
# kernels this run started and left behind name a connection file under the private runtime dir
for pid in $(pgrep -f -- "$CACHE/runtime" 2>/dev/null); do
  kill -9 "$pid" 2>/dev/null && say "killed leftover kernel process $pid"
done
exit "$rc"
