"""Long sessions: per-cell time and memory against the number of cells run (DESIGN.md §4).

    bench/kernel/run.sh --long [--kernels aistudio-csharp,.net-csharp,python3] [--cells 1000]

Runs N distinct small cells (`var vK = K * 2; vK`) in one kernel of each kind, and at 10, 100, 300 and N cells
prints the median round trip of the last 10 cells and the kernel's process-tree RSS. A kernel that keeps every
earlier submission alive shows it here: time and memory grow with the count instead of staying flat.
"""

import argparse
import json
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from jupyter_client.manager import KernelManager

from bench import BenchError, kernel_pid, process_tree_rss_mb, wait_idle, wait_reply, START_TIMEOUT, EXEC_TIMEOUT

HERE = Path(__file__).resolve().parent
CELL = {
    "aistudio-csharp": "var v{k} = {k} * 2; v{k}",
    ".net-csharp": "var v{k} = {k} * 2; v{k}",
    "python3": "v{k} = {k} * 2; v{k}",
}


def run_cell(kc, code, timeout):
    msg_id = kc.execute(code)
    wait_idle(kc, msg_id, timeout)
    reply = wait_reply(kc, msg_id, timeout)
    if reply["content"]["status"] != "ok":
        raise BenchError(f"cell failed: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")


def measure(name, cells, checkpoints):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    rows = []
    try:
        kc.wait_for_ready(timeout=START_TIMEOUT)
        run_cell(kc, "1+1", timeout=180)
        times = []
        for k in range(1, cells + 1):
            started = time.perf_counter()
            run_cell(kc, CELL[name].format(k=k), EXEC_TIMEOUT)
            times.append(time.perf_counter() - started)
            if k in checkpoints:
                rss, _ = process_tree_rss_mb(kernel_pid(km))
                rows.append({"cells": k, "median_ms": statistics.median(times[-10:]) * 1000, "rss_mb": rss})
                print(f"  {name}: {k} cells: median of the last 10 {rows[-1]['median_ms']:.1f} ms, RSS {rss:.0f} MB", file=sys.stderr, flush=True)
        rows.append({"total_s": sum(times)})
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernels", default="aistudio-csharp,.net-csharp,python3")
    ap.add_argument("--cells", type=int, default=1000)
    ap.add_argument("--results", default=str(HERE.parent / "results"))
    args = ap.parse_args(argv)
    checkpoints = sorted({c for c in (10, 100, 300, args.cells) if c <= args.cells})
    results = {}
    for name in args.kernels.split(","):
        try:
            results[name] = measure(name, args.cells, checkpoints)
        except Exception as e:  # a failing kernel is reported, not hung on
            results[name] = [{"error": f"{type(e).__name__}: {e}"}]
            print(f"  {name}: failed: {e}", file=sys.stderr)

    print(f"\n### Long session ({args.cells} cells, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)\n")
    print("| kernel | " + " | ".join(f"{c} cells: ms/cell, RSS" for c in checkpoints) + " | total |")
    print("|---|" + "---|" * (len(checkpoints) + 1))
    for name, rows in results.items():
        if "error" in rows[0]:
            print(f"| {name} | failed: {rows[0]['error']} |")
            continue
        cols = [f"{r['median_ms']:.1f} ms, {r['rss_mb']:.0f} MB" for r in rows if "cells" in r]
        print(f"| {name} | " + " | ".join(cols) + f" | {rows[-1]['total_s']:.1f} s |")
    out = Path(args.results)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"long-session-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(results, indent=1))
    print(f"results: {path}")
    return 0 if all("error" not in rows[0] for rows in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
