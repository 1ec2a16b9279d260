#!/usr/bin/python3
"""Checks that the stock `dotnet interactive` (the engine of VS Code Polyglot Notebooks) loads the packed extensions
through `#r "nuget:"`, run by tests/clients/dotnet-interactive-extension.sh.

    extension.py --tool PATH/dotnet-interactive --feed DIR [--version 0.1.0-preview] [--timeout SECONDS] [--log FILE]
                 [--workdir DIR]

DIR is a folder holding AIStudio.Extensions.{Datasets,Charts,Training}.<version>.nupkg (`dotnet pack -o DIR`). Drives
`dotnet-interactive stdio` as check.py does (one KernelCommandEnvelope per line in, KernelEventEnvelopes out) with no
hub: `#i "nuget:DIR"` and `#r "nuget:AIStudio.Extensions.Datasets,VERSION"` (the tool runs the package's
interactive-extensions/dotnet/extension.dib), then `#!dataset list`, `Datasets.Load`, `#!dataset load --as` and a
DataFrame's HTML in the tool's own C# kernel; then `#r` Training (Charts comes with it): a chart as a Plotly figure, the
training progress as one display updated in place, `#!device`. One line per check, "ok - ..." or "not ok - ..."; the exit code is
non-zero if any check failed.
"""
import argparse
import html
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402  (the Stdio driver and the ok/not ok counters)
from check import Stdio, describe, first_line, not_ok, ok, run_cells, values  # noqa: E402

PACKAGE = "AIStudio.Extensions.Datasets"
TRAINING = "AIStudio.Extensions.Training"
PLOTLY = "application/vnd.plotly.v1+json"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", required=True, help="the dotnet-interactive executable")
    parser.add_argument("--feed", required=True, help="a folder with the packed extension (.nupkg)")
    parser.add_argument("--version", default="0.1.0-preview", help="the package version to #r")
    parser.add_argument("--timeout", type=float, default=300, help="seconds for all checks")
    parser.add_argument("--log", default=os.devnull, help="where to write what dotnet-interactive wrote")
    parser.add_argument("--workdir", default=os.getcwd(), help="dotnet-interactive's working directory")
    args = parser.parse_args()
    feed = os.path.abspath(args.feed)
    nupkg = os.path.join(feed, f"{PACKAGE}.{args.version}.nupkg")
    if not os.path.isfile(nupkg):
        not_ok(f"the packed extension is in the feed", f"no {PACKAGE}.{args.version}.nupkg in {feed}: {os.listdir(feed)}")
        return 1

    deadline = time.monotonic() + args.timeout
    left = lambda cap: max(1.0, min(cap, deadline - time.monotonic()))
    with open(args.log, "w", encoding="utf-8") as log:
        start = time.monotonic()
        # nothing secret on these command lines: mask a string that cannot occur
        stdio = Stdio(args.tool, args.workdir, log, "\0no-secret\0")
        try:
            run_checks(stdio, feed, args.version, start, left)
        except Exception as e:  # an unexpected error still ends with the counts
            not_ok("unexpected error", f"{type(e).__name__}: {e}")
        finally:
            stdio.close()
    print(f"# dotnet-interactive extension: {check.passed} passed, {check.failed} failed", flush=True)
    return 0 if check.failed == 0 and check.passed > 0 else 1


def html_of(events):
    return "\n".join(values(events, "DisplayedValueProduced", "text/html") + values(events, "ReturnValueProduced", "text/html"))


def results(events):
    """A cell's return values as text: text/plain, or the <pre> of the tool's default HTML (all it sends for a number)."""
    found = [v.strip() for v in values(events, "ReturnValueProduced")]
    for v in values(events, "ReturnValueProduced", "text/html"):
        found += [html.unescape(m).strip() for m in re.findall(r"<pre>(.*?)</pre>", v, re.S)]
    return found


def run_checks(stdio, feed, version, start, left):
    name = "dotnet-interactive stdio starts (KernelReady)"
    try:
        stdio.wait_ready(left(120))
        ok(f"{name} ({time.monotonic() - start:.2f} s)")
    except Exception as e:
        not_ok(name, f"{type(e).__name__}: {e}")
        return

    # The tool runs the package's extension.dib once the package's assemblies are referenced.
    if not load(stdio, f'#i "nuget:{feed}"\n#r "nuget:{PACKAGE},{version}"',
                f'`#r "nuget:{PACKAGE},{version}"` from a local feed loads the extension', left(240)):
        return

    cells = [
        ("`#!dataset list` shows iris and penguins as HTML",
         "#!dataset list",
         lambda events: all(f"<code>{n}</code>" in html_of(events) for n in ("iris", "penguins"))),
        ("`Datasets.Load(\"penguins\").Rows.Count` is 344",
         'AIStudio.Extensions.Datasets.Datasets.Load("penguins").Rows.Count',
         lambda events: "344" in results(events)),
        ("`#!dataset load iris --as flowers` declares a DataFrame in the C# kernel",
         "#!dataset load iris --as flowers",
         lambda events: "150 rows × 5 columns" in html_of(events)),
        ("`flowers.Columns.Count` is 5",
         "flowers.Columns.Count",
         lambda events: "5" in results(events)),
        ("a DataFrame as a cell's result is the extension's HTML table with column types",
         'AIStudio.Extensions.Datasets.Datasets.Load("penguins")',
         lambda events: "344 rows" in html_of(events) and '<span class="type">double</span>' in html_of(events)),
    ]
    run_cells(stdio, cells, left, target="csharp")
    run_training_checks(stdio, version, left)


def value_ids(events, event_type):
    return [(e.get("event") or {}).get("valueId") for e in events if e["eventType"] == event_type]


def progress_updated_in_place(events):
    """One progress display, then updates that carry its value id, the last one at 2/2 and done."""
    shown = [e for e in events if e["eventType"] == "DisplayedValueProduced"
             and any("aistudio-training-progress" in v.get("value", "") for v in (e.get("event") or {}).get("formattedValues") or [])]
    if len(shown) != 1:
        return False
    display_id = shown[0]["event"].get("valueId")
    updates = value_ids(events, "DisplayedValueUpdated")
    last = values(events, "DisplayedValueUpdated")
    return bool(display_id) and updates and all(u == display_id for u in updates) and "epoch 2/2" in last[-1] and last[-1].endswith("done")


def load(stdio, code, name, timeout):
    """Submits a #r cell; one ok / not ok line; whether it succeeded."""
    try:
        succeeded, events, seconds, message = stdio.submit(code, target="csharp", timeout=timeout)
    except Exception as e:
        not_ok(name, f"{type(e).__name__}: {e}")
        return False
    if not succeeded:
        not_ok(name, f"CommandFailed after {seconds:.2f} s: {first_line(message, 600)}; {describe(events)}")
        return False
    ok(f"{name} ({seconds:.2f} s)")
    return True


def run_training_checks(stdio, version, left):
    if not load(stdio, f'#r "nuget:{TRAINING},{version}"',
                f'`#r "nuget:{TRAINING},{version}"` loads the Training extension (and Charts with it)', left(300)):
        return

    cells = [
        ("a chart of a dataset is a Plotly figure (Charts' formatter in the stock tool)",
         'AIStudio.Extensions.Charts.Charts.Histogram(AIStudio.Extensions.Datasets.Datasets.Load("penguins"), "body_mass_g")',
         lambda events: any('"type":"histogram"' in v for v in values(events, "ReturnValueProduced", PLOTLY))),
        ("the training progress is one display updated in place (same value id), ending at 2/2 done",
         'using (var progress = AIStudio.Extensions.Training.Progress.TrainingProgress.Start(2, "stock", showCurves: false))\n'
         '{ progress.Report(1, 0.5, 0.7); progress.Report(2, 0.25, 0.9); }',
         progress_updated_in_place),
        ("`#!device` reports the CPU and the libtorch TorchSharp uses",
         "#!device",
         lambda events: any("device: cpu" in v and "libtorch 2.10.0" in v for v in values(events, "DisplayedValueProduced"))),
    ]
    run_cells(stdio, cells, left, target="csharp")


if __name__ == "__main__":
    sys.exit(main())
