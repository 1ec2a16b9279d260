#!/usr/bin/env bash
# Datasets benchmark: Datasets.Load and the DataFrame HTML display on a generated 100k-row CSV, against
# Microsoft.Data.Analysis' DataFrame.LoadCsv. Writes bench/datasets/last-run.md.
#
#   bench/datasets/run.sh [ROWS [RUNS]]   (default 100000 5)
#
# Builds in the Debug configuration with the optimiser on (-p:Optimize=true), so it does not disturb Release outputs.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
BENCH_REPORT="$HERE/last-run.md" dotnet run --project "$HERE/AIStudio.Bench.Datasets.csproj" -c Debug -p:Optimize=true -- "$@"
