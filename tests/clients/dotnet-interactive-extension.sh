#!/usr/bin/env bash
# The extensions (Datasets, Charts, Training) in the stock `dotnet interactive` 1.0.712001 (VS Code Polyglot Notebooks'
# engine), loaded the way its users would: from their packages, with `#r "nuget:"`.
#
#   tests/clients/dotnet-interactive-extension.sh [-c Debug|Release] [--tool PATH/dotnet-interactive] [--log-dir DIR]
#
# 1. packs extensions/AIStudio.Extensions.{Datasets,Charts,Training} (-c, default Release) into a throw-away local feed;
#    the copies of that version in the NuGet global packages folder are removed first, so the tool restores this build
# 2. installs Microsoft.dotnet-interactive 1.0.712001 as a private .NET tool into the bench's cache (as run.sh and
#    bench/kernel/run.sh do) unless --tool names one
# 3. tests/clients/dotnet-interactive/extension.py drives `dotnet-interactive stdio`: `#i` the feed, `#r` the package,
#    then `#!dataset list`, Datasets.Load, `#!dataset load --as` and a DataFrame's HTML in the tool's C# kernel; then
#    `#r` Training (which brings Charts): a chart's Plotly figure, the progress display updated in place, `#!device`
# Each check prints "ok - ..." or "not ok - ..."; so does each setup step that fails. Standalone, the last line is
# `N passed, N failed`; tests/clients/run.sh calls it (with --tool) and counts its lines in its own summary.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
DI_VERSION=1.0.712001
PACKAGE=AIStudio.Extensions.Datasets
PACKAGES=(AIStudio.Extensions.Datasets AIStudio.Extensions.Charts AIStudio.Extensions.Training)
CONFIGURATION=Release
DI=""
LOG_DIR="${AISTUDIO_CLIENTS_OUTPUT:-$REPO/TestResults/clients}"
while (($#)); do
  case "$1" in
    -c|--configuration) CONFIGURATION="${2:?-c needs Debug or Release}"; shift 2 ;;
    --tool) DI="${2:?--tool needs the dotnet-interactive executable}"; shift 2 ;;
    --log-dir) LOG_DIR="${2:?--log-dir needs a directory}"; shift 2 ;;
    *) echo "usage: tests/clients/dotnet-interactive-extension.sh [-c Debug|Release] [--tool PATH] [--log-dir DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$LOG_DIR"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1 DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE=1

say() { echo "[extension] $*"; }
passed=0; failed=0
line() {   # a line of ours or of extension.py: counted here for the standalone summary
  echo "$1"
  case "$1" in "ok - "*) passed=$((passed + 1)) ;; "not ok - "*) failed=$((failed + 1)) ;; esac
}
finish() { ((passed + failed == 0)) && line "not ok - dotnet interactive extension: no check ran"; echo "$passed passed, $failed failed"; ((failed == 0)); exit $?; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/aistudio-di-extension.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/feed" "$TMP/work"
: >"$LOG_DIR/extension-pack.log"

# --- the package ------------------------------------------------------------------------------------------
version="$(dotnet msbuild "$REPO/extensions/$PACKAGE" -getProperty:PackageVersion -p:Configuration="$CONFIGURATION" 2>/dev/null | tail -n 1)"
if [[ -z "$version" ]]; then line "not ok - dotnet interactive extension: the package version of $PACKAGE (dotnet msbuild -getProperty:PackageVersion failed)"; finish; fi
packages="$(dotnet nuget locals global-packages --list 2>/dev/null | sed -n 's/^global-packages: *//p')"
for package in "${PACKAGES[@]}"; do
  if [[ -n "$packages" ]]; then
    lower="$(echo "$package" | tr '[:upper:]' '[:lower:]')"
    rm -rf "${packages%/}/$lower/$version"   # only this package's version: the one this run packs
  fi
  say "dotnet pack extensions/$package -c $CONFIGURATION ($version)"
  if ! timeout --foreground -k 10 600 dotnet pack "$REPO/extensions/$package" -c "$CONFIGURATION" -o "$TMP/feed" -nologo >>"$LOG_DIR/extension-pack.log" 2>&1; then
    tail -n 20 "$LOG_DIR/extension-pack.log"
    line "not ok - dotnet interactive extension: dotnet pack extensions/$package -c $CONFIGURATION (see extension-pack.log)"
    finish
  fi
done

# --- the tool ---------------------------------------------------------------------------------------------
if [[ -z "$DI" ]]; then
  DI="$("$HERE/dotnet-interactive-tool.sh" "$LOG_DIR/dotnet-tool-install.log")"
fi
if [[ ! -x "$DI" ]]; then
  line "not ok - dotnet interactive extension: no dotnet-interactive $DI_VERSION at $DI (see dotnet-tool-install.log)"
  finish
fi

# --- the checks -------------------------------------------------------------------------------------------
say "dotnet interactive: #r \"nuget:$PACKAGE,$version\", then Training (with Charts)"
failed_before=$failed; rc=""
while IFS= read -r output; do
  if [[ "$output" =~ ^#\ extension.py\ exited\ ([0-9]+)$ ]]; then rc="${BASH_REMATCH[1]}"; else line "$output"; fi
done < <(
  timeout --foreground -k 10 420 "$PY" "$HERE/dotnet-interactive/extension.py" --tool "$DI" --feed "$TMP/feed" \
    --version "$version" --timeout 360 --log "$LOG_DIR/dotnet-interactive-extension.log" --workdir "$TMP/work" 2>&1
  echo "# extension.py exited $?")
if [[ "$rc" != 0 ]] && ((failed == failed_before)); then
  line "not ok - dotnet interactive extension: extension.py exited ${rc:-?} without a failed check (see dotnet-interactive-extension.log)"
fi
finish
