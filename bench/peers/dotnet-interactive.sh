#!/usr/bin/env bash
# The peer C# kernel: Microsoft's `dotnet interactive jupyter` (Microsoft.dotnet-interactive 1.0.712001, the engine of
# VS Code's Polyglot Notebooks), installed as a .NET tool under the bench cache (reused between runs), with its
# `.net-csharp` kernelspec written into a kernels folder of ours.
#   bench/peers/dotnet-interactive.sh CACHE KERNELS_DIR
# Exits non-zero (after saying why) when the tool or its kernelspec cannot be installed.
set -euo pipefail
CACHE="$1"
KSPECS="$2"
PY=/usr/bin/python3
DI_VERSION=1.0.712001
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1 DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE=1

TOOLS="$CACHE/tools"
DI="$TOOLS/dotnet-interactive"
if [[ ! -x "$DI" ]] || ! dotnet tool list --tool-path "$TOOLS" 2>/dev/null | grep -qi "microsoft.dotnet-interactive *$DI_VERSION"; then
  echo "[bench] installing Microsoft.dotnet-interactive $DI_VERSION into $TOOLS" >&2
  rm -rf "$TOOLS"
  dotnet tool install --tool-path "$TOOLS" Microsoft.dotnet-interactive --version "$DI_VERSION" >&2
fi
DI_SPECS="$CACHE/di-kernelspecs"
rm -rf "$DI_SPECS"; mkdir -p "$DI_SPECS" "$KSPECS"
if ! timeout 300 env PATH="$TOOLS:$PATH" "$DI" jupyter install --path "$DI_SPECS" >&2 || [[ ! -f "$DI_SPECS/.net-csharp/kernel.json" ]]; then
  echo "[bench] dotnet-interactive jupyter install failed" >&2
  exit 1
fi
# Its kernelspec runs `dotnet interactive`, which only resolves for a global tool: point it at our copy.
"$PY" - "$DI_SPECS/.net-csharp/kernel.json" "$KSPECS/.net-csharp" "$DI" <<'PYEOF'
import json, os, sys
src, dst, tool = sys.argv[1:]
spec = json.load(open(src))
argv = spec["argv"]
if argv[:2] == ["dotnet", "interactive"]:
    argv = [tool] + argv[2:]
spec["argv"] = argv
os.makedirs(dst, exist_ok=True)
json.dump(spec, open(os.path.join(dst, "kernel.json"), "w"), indent=1)
PYEOF
