#!/usr/bin/env bash
# Grading throughput: 40 submissions of a 10-cell C# assignment.
#   ours: `aistudio assignment grade --parallel N` (a fresh sandboxed kernel per submission, N at once)
#   peer: the same 40 notebooks executed one at a time with nbclient (nbgrader's way), our kernelspec installed in a
#         temporary prefix as tests/conformance/run.sh does.
# Prints both times and the ratio and writes bench/grading/last-run.md.
#   bench/grading/run.sh [--no-build] [--parallel N] [--count N]   (CONFIG=Debug for a Debug build; Release by default)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
CONFIG="${CONFIG:-Release}"
BUILD=1
PARALLEL="$(nproc)"
COUNT=40
while (( $# )); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --parallel) PARALLEL="$2"; shift ;;
    --count) COUNT="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if (( BUILD )); then
  nice -n 10 dotnet build "$REPO/hub/AIStudio.Cli" -c "$CONFIG" -nologo -v quiet
fi
TOOL="$REPO/hub/AIStudio.Cli/bin/$CONFIG/net10.0/aistudio.dll"
KERNEL="$REPO/hub/AIStudio.Cli/bin/$CONFIG/net10.0/kernel/aistudio-kernel.dll"
SOURCE="$REPO/tests/AIStudio.Courses.Tests/Assignments/words.ipynb"
[[ -f "$TOOL" && -f "$KERNEL" ]] || { echo "build hub/AIStudio.Cli first (-c $CONFIG)" >&2; exit 1; }
"$PY" -c 'import nbclient, nbformat, jupyter_client' || { echo "apt-get install python3-nbclient python3-nbformat jupyter-client" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/aistudio-bench-grading.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/submissions" "$TMP/reports" "$TMP/prefix" "$TMP/data" "$TMP/config" "$TMP/runtime"
chmod 700 "$TMP/runtime"

dotnet "$TOOL" assignment release "$SOURCE" --out "$TMP/student.ipynb" >/dev/null
"$PY" "$HERE/make_submissions.py" "$SOURCE" "$TMP/student.ipynb" "$TMP/submissions" "$COUNT"

echo "ours: aistudio assignment grade, $COUNT submissions, --parallel $PARALLEL"
start=$(date +%s.%N)
dotnet "$TOOL" assignment grade "$SOURCE" "$TMP"/submissions/*.ipynb --out "$TMP/reports" --parallel "$PARALLEL" --kernel "$KERNEL" > "$TMP/ours.log"
ours=$(echo "$(date +%s.%N) - $start" | bc)
tail -1 "$TMP/ours.log"
sandboxed=$("$PY" -c "import json,glob; r=[json.load(open(p)) for p in glob.glob('$TMP/reports/*.json')]; print(sum(x['sandboxed'] for x in r), 'of', len(r), 'sandboxed; scores', sorted(set(x['score'] for x in r)))")
echo "$sandboxed"

echo "peer: nbclient, one notebook at a time"
dotnet "$KERNEL" install --prefix "$TMP/prefix" --name aistudio-csharp-bench >/dev/null
export JUPYTER_PATH="$TMP/prefix/share/jupyter" JUPYTER_DATA_DIR="$TMP/data" JUPYTER_CONFIG_DIR="$TMP/config" JUPYTER_RUNTIME_DIR="$TMP/runtime"
peer=$("$PY" "$HERE/nbclient_one_at_a_time.py" aistudio-csharp-bench "$TMP"/submissions/*.ipynb 2> "$TMP/peer.log")

ratio=$(echo "scale=2; $peer / $ours" | bc)
printf 'ours %.1f s, peer %.1f s, ratio %s×\n' "$ours" "$peer" "$ratio"

cat > "$HERE/last-run.md" <<MD
# Grading benchmark — last run

$COUNT submissions of a 10-cell C# assignment (tests/AIStudio.Courses.Tests/Assignments/words.ipynb; three in four solved,
the rest blank), on $(nproc) cores ($(date -u +%Y-%m-%d), $CONFIG build).

| | time | per submission |
| --- | --- | --- |
| ours: \`aistudio assignment grade --parallel $PARALLEL\` (fresh sandboxed kernel each, hidden tests restored) | $(printf '%.1f' "$ours") s | $(echo "scale=2; $ours / $COUNT" | bc) s |
| peer: nbclient, one notebook at a time (nbgrader's way), same kernel | $(printf '%.1f' "$peer") s | $(echo "scale=2; $peer / $COUNT" | bc) s |

Ratio (peer / ours): **${ratio}×** (target ≥ 4×). Reports: $sandboxed.

Run it again with \`bench/grading/run.sh\` (\`--parallel N\`, \`--count N\`, \`--no-build\`).
MD
echo "wrote bench/grading/last-run.md"
