#!/usr/bin/env bash
# Installs the stock `dotnet interactive` tool (the peer our kernel and extensions are checked against) into the private
# tool directory bench/kernel/run.sh uses too, unless it is there already, and prints the tool's path.
#
#   DI="$(tests/clients/dotnet-interactive-tool.sh LOG_FILE)"
#
# Exit 1 (with the install log's end on stderr) when the tool could not be installed.
set -uo pipefail
DI_VERSION=1.0.712001
LOG="${1:-/dev/null}"
TOOLS="${AISTUDIO_BENCH_CACHE:-${TMPDIR:-/tmp}/aistudio-bench}/tools"
DI="$TOOLS/dotnet-interactive"
if [[ ! -x "$DI" ]] || ! dotnet tool list --tool-path "$TOOLS" 2>/dev/null | grep -qi "microsoft.dotnet-interactive *$DI_VERSION"; then
  echo "installing Microsoft.dotnet-interactive $DI_VERSION into $TOOLS" >&2
  rm -rf "$TOOLS"
  timeout --foreground -k 10 600 dotnet tool install --tool-path "$TOOLS" Microsoft.dotnet-interactive --version "$DI_VERSION" >"$LOG" 2>&1 \
    || tail -n 20 "$LOG" >&2
fi
[[ -x "$DI" ]] || exit 1
echo "$DI"
