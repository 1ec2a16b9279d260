#!/usr/bin/env bash
# Grading throughput: 40 submissions of a 10-cell C# assignment.
#   ours: `aistudio assignment grade --parallel N` (a fresh sandboxed kernel per submission, N at once)
#   peer: the same 40 notebooks executed one at a time with nbclient (nbgrader's way), our kernelspec installed in a
#         temporary prefix as tests/conformance/run.sh does: the grader's own share, the kernel being the same;
#   peer 2: nbclient one at a time on Microsoft's C# kernel (dotnet-interactive 1.0.712001, bench/peers/), the C# kernel
#         nbgrader had before ours: the whole grading system against the one people used (--no-dotnet-interactive skips it).
# Prints both times and the ratio and writes bench/grading/last-run.md.
#   bench/grading/run.sh [--no-build] [--parallel N] [--count N] [--no-dotnet-interactive]   (CONFIG=Debug for a Debug build; Release by default)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
CONFIG="${CONFIG:-Release}"
BUILD=1
PARALLEL="$(nproc)"
COUNT=40
DI=1
CACHE="${AISTUDIO_BENCH_CACHE:-${TMPDIR:-/tmp}/aistudio-bench}"
while (( $# )); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --parallel) PARALLEL="$2"; shift ;;
    --count) COUNT="$2"; shift ;;
    --no-dotnet-interactive) DI=0 ;;
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

di_row=""
if (( DI )); then
  echo "peer 2: nbclient, one notebook at a time, on dotnet-interactive's C# kernel"
  if "$HERE/../peers/dotnet-interactive.sh" "$CACHE" "$TMP/prefix/share/jupyter/kernels" \
     && PATH="$CACHE/tools:$PATH" DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1 DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE=1 \
        "$PY" "$HERE/nbclient_one_at_a_time.py" .net-csharp "$TMP"/submissions/*.ipynb > "$TMP/peer2.out" 2> "$TMP/peer2.log"; then
    # Its kernel logs to the stdout it inherits: the time is the script's last line.
    di=$(tail -1 "$TMP/peer2.out")
    di_ratio=$(echo "scale=2; $di / $ours" | bc)
    printf 'peer 2 %.1f s, ratio %s×\n' "$di" "$di_ratio"
    di_row="| peer 2: nbclient, one notebook at a time, on Microsoft's C# kernel (dotnet-interactive 1.0.712001) | $(printf '%.1f' "$di") s | $(echo "scale=2; $di / $COUNT" | bc) s |"
    di_line="Ratio against peer 2 (the grading system against nbgrader's way with the C# kernel it had): **${di_ratio}×**."
  else
    tail -5 "$TMP/peer2.log" >&2 || true
    di_line="Peer 2 failed (see its log above): no ratio."
  fi
fi

cat > "$HERE/last-run.md" <<MD
# Grading benchmark — last run

$COUNT submissions of a 10-cell C# assignment (tests/AIStudio.Courses.Tests/Assignments/words.ipynb; three in four solved,
the rest blank), on $(nproc) cores ($(date -u +%Y-%m-%d), $CONFIG build).

| | time | per submission |
| --- | --- | --- |
| ours: \`aistudio assignment grade --parallel $PARALLEL\` (fresh sandboxed kernel each, hidden tests restored) | $(printf '%.1f' "$ours") s | $(echo "scale=2; $ours / $COUNT" | bc) s |
| peer: nbclient, one notebook at a time (nbgrader's way), same kernel | $(printf '%.1f' "$peer") s | $(echo "scale=2; $peer / $COUNT" | bc) s |
$di_row

Ratio (peer / ours, the same kernel: the grader's own share): **${ratio}×** (target ≥ 4×). ${di_line:-}
Reports: $sandboxed.

Run it again with \`bench/grading/run.sh\` (\`--parallel N\`, \`--count N\`, \`--no-build\`).
MD
echo "wrote bench/grading/last-run.md"
