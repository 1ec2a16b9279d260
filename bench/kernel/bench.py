"""Kernel benchmark: AI Studio's C# kernel against dotnet-interactive and ipykernel.

    /usr/bin/python3 bench/kernel/bench.py [--kernels aistudio-csharp,.net-csharp,python3]
                                           [--starts 3] [--warm 200] [--results DIR]

Normally started by bench/kernel/run.sh, which installs the peers and the kernelspecs in a
private JUPYTER_PATH. For each kernel, through jupyter_client (KernelManager + BlockingKernelClient):

  cold start    process start -> kernel_info_reply                      (median of --starts starts)
  first 1+1     execute `1+1` right after kernel_info_reply -> execute_reply and status idle
                                                                         (median over the same starts)
  warm          median and p95 of --warm executes of `1+1` after 20 warm-up executes
  1000 lines    `for ... print/Console.WriteLine` 1,000 lines -> execute_reply and idle
  RSS           resident memory of the kernel process and all its descendants, after the above

Prints a markdown table with every figure, the ratios ours/peer and the targets; writes JSON (and the
table) to bench/results/ (git-ignored). Every wait is bounded: a kernel that fails is reported, not waited on.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path
from queue import Empty

from jupyter_client.manager import KernelManager

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

OURS = "aistudio-csharp"
KERNELS = {
    "aistudio-csharp": {
        "label": "AI Studio (aistudio-csharp)",
        "first": "1+1",
        "tiny": "1+1",
        "lines": "for (int i = 0; i < 1000; i++) Console.WriteLine(i);",
    },
    ".net-csharp": {
        "label": "dotnet-interactive 1.0.712001 (.net-csharp)",
        "first": "1+1",
        "tiny": "1+1",
        "lines": "for (int i = 0; i < 1000; i++) Console.WriteLine(i);",
    },
    "python3": {
        "label": "ipykernel (python3)",
        "first": "1+1",
        "tiny": "1+1",
        "lines": "for i in range(1000): print(i)",
    },
}

# metric key, title, unit, target (ours must be <= target), lower is better for all
METRICS = [
    ("cold_start_s", "cold start to kernel_info_reply (median)", "s", 0.5),
    ("first_exec_s", "first `1+1` after kernel_info (median)", "s", 1.0),
    ("warm_median_ms", "warm `1+1` round trip, median", "ms", 10.0),
    ("warm_p95_ms", "warm `1+1` round trip, p95", "ms", 20.0),
    ("lines_1000_s", "1,000 Console.WriteLine lines to idle", "s", 0.05),
    ("rss_mb", "process-tree RSS after the above", "MB", 150.0),
]

START_TIMEOUT = 120.0
FIRST_EXEC_TIMEOUT = 180.0
EXEC_TIMEOUT = 60.0


class BenchError(Exception):
    pass


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def process_tree_rss_mb(root_pid):
    """Sum of VmRSS of root_pid and all its descendants, from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    total_kb, stack, seen = 0, [root_pid], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total_kb += int(line.split()[1])
                        break
        except OSError:
            pass
        stack.extend(children.get(pid, []))
    return total_kb / 1024.0, len(seen)


def kernel_pid(km):
    prov = getattr(km, "provisioner", None)
    proc = getattr(prov, "process", None) if prov is not None else None
    if proc is None:
        proc = getattr(km, "kernel", None)
    return getattr(proc, "pid", None)


def wait_reply(kc, msg_id, timeout, channel="shell"):
    get = kc.get_shell_msg if channel == "shell" else kc.get_control_msg
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise BenchError(f"no {channel} reply within {timeout:.0f} s")
        try:
            msg = get(timeout=min(left, 1.0))
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_idle(kc, msg_id, timeout, collect=None):
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise BenchError(f"no status idle within {timeout:.0f} s")
        try:
            msg = kc.get_iopub_msg(timeout=min(left, 1.0))
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return
        if collect is not None:
            collect.append(msg)


def timed_execute(kc, code, timeout, collect=None):
    """Seconds from sending execute_request to having both execute_reply and status idle."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code, store_history=True, allow_stdin=False)
    reply = wait_reply(kc, msg_id, timeout)
    wait_idle(kc, msg_id, timeout, collect)
    elapsed = time.perf_counter() - t0
    if reply["content"].get("status") != "ok":
        raise BenchError(f"execute {code!r} -> {reply['content'].get('status')}: "
                         f"{reply['content'].get('ename')} {reply['content'].get('evalue')}")
    return elapsed


def drain(kc):
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        for _ in range(100000):
            try:
                get(timeout=0.01)
            except Empty:
                break


KERNEL_LOG = None  # file the kernels' own stdout/stderr go to


def start(name):
    """Start a kernel; return (km, kc, seconds from process start to kernel_info_reply)."""
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel(stdout=KERNEL_LOG, stderr=KERNEL_LOG)
    kc = km.client()
    kc.start_channels()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        msg_id = kc.kernel_info()
        while True:
            if not km.is_alive():
                raise BenchError("kernel process exited during start-up")
            if time.monotonic() > deadline:
                raise BenchError(f"no kernel_info_reply within {START_TIMEOUT:.0f} s")
            try:
                msg = kc.get_shell_msg(timeout=0.05)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                break
        cold = time.perf_counter() - t0
        ensure_iopub(kc)
    except Exception:
        stop(km, kc)
        raise
    return km, kc, cold


def ensure_iopub(kc, tries=10):
    """Make sure the IOPub subscription is live (a SUB socket misses what is published before it
    joins): wait for the status idle of a kernel_info request. Not part of any timing."""
    for _ in range(tries):
        msg_id = kc.kernel_info()
        wait_reply(kc, msg_id, 30)
        try:
            wait_idle(kc, msg_id, 1.0)
            return
        except BenchError:
            continue
    raise BenchError("IOPub never delivered a status message")


def stop(km, kc):
    try:
        kc.stop_channels()
    except Exception:
        pass
    try:
        km.shutdown_kernel(now=False)
    except Exception:
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass


def bench_kernel(name, spec, starts, warm_n, log):
    res = {"kernel": name, "label": spec["label"]}
    colds, firsts = [], []
    km = kc = None
    try:
        for i in range(starts):
            km, kc, cold = start(name)
            colds.append(cold)
            # the kernel's own start-up messages (status starting/idle) must not count as the execute's
            first = timed_execute(kc, spec["first"], FIRST_EXEC_TIMEOUT)
            firsts.append(first)
            log(f"  start {i + 1}/{starts}: kernel_info {cold:.3f} s, first 1+1 {first:.3f} s")
            if i < starts - 1:
                stop(km, kc)
                km = kc = None
        res["cold_start_all_s"] = colds
        res["first_exec_all_s"] = firsts
        res["cold_start_s"] = statistics.median(colds)
        res["first_exec_s"] = statistics.median(firsts)

        for _ in range(20):
            timed_execute(kc, spec["tiny"], EXEC_TIMEOUT)
        drain(kc)
        warm = [timed_execute(kc, spec["tiny"], EXEC_TIMEOUT) * 1000.0 for _ in range(warm_n)]
        res["warm_n"] = warm_n
        res["warm_median_ms"] = statistics.median(warm)
        res["warm_p95_ms"] = percentile(warm, 95)
        res["warm_max_ms"] = max(warm)
        log(f"  warm: median {res['warm_median_ms']:.2f} ms, p95 {res['warm_p95_ms']:.2f} ms")

        outputs = []
        res["lines_1000_s"] = timed_execute(kc, spec["lines"], EXEC_TIMEOUT, collect=outputs)
        text = "".join(m["content"]["text"] for m in outputs
                       if m["msg_type"] == "stream" and m["content"].get("name") == "stdout")
        res["lines_received"] = len(text.splitlines())
        res["lines_stream_messages"] = sum(1 for m in outputs if m["msg_type"] == "stream")
        log(f"  1000 lines: {res['lines_1000_s']:.3f} s ({res['lines_received']} lines in "
            f"{res['lines_stream_messages']} stream messages)")
        if res["lines_received"] != 1000:
            res.setdefault("warnings", []).append(f"received {res['lines_received']} of 1000 lines")

        pid = kernel_pid(km)
        if pid:
            res["rss_mb"], res["rss_processes"] = process_tree_rss_mb(pid)
            log(f"  RSS: {res['rss_mb']:.0f} MB over {res['rss_processes']} process(es)")
    except Exception as e:
        res["error"] = f"{type(e).__name__}: {e}"
        res["traceback"] = traceback.format_exc()
        log(f"  FAILED: {res['error']}")
    finally:
        if km is not None:
            stop(km, kc)
    return res


def fmt(value, unit):
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} s"


def table(results, order):
    ours = results.get(OURS, {})
    peers = [k for k in order if k != OURS]
    head = ["metric"] + [results[k]["label"] for k in order if k in results]
    head += [f"ours / {results[p]['label'].split(' (')[0]}" for p in peers if p in results]
    head += ["target (ours)", "ours meets target"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, title, unit, target in METRICS:
        row = [title]
        for k in order:
            if k in results:
                row.append(fmt(results[k].get(key), unit))
        for p in peers:
            if p in results:
                a, b = ours.get(key), results[p].get(key)
                row.append(f"{a / b:.2f}×" if a is not None and b else "—")
        row.append(f"≤ {fmt(target, unit)}")
        v = ours.get(key)
        row.append("—" if v is None else ("PASS" if v <= target else "FAIL"))
        lines.append("| " + " | ".join(row) + " |")
    notes = []
    for k in order:
        r = results.get(k, {})
        if "error" in r:
            notes.append(f"- {r['label']}: **failed**: {r['error']}")
        for w in r.get("warnings", []):
            notes.append(f"- {r['label']}: {w}")
    return "\n".join(lines + ([""] + notes if notes else []))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernels", default=",".join(KERNELS))
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--warm", type=int, default=200)
    ap.add_argument("--results", default=str(REPO / "bench" / "results"))
    args = ap.parse_args()

    order = [k.strip() for k in args.kernels.split(",") if k.strip()]
    unknown = [k for k in order if k not in KERNELS]
    if unknown:
        ap.error(f"unknown kernels: {unknown}; known: {list(KERNELS)}")

    def log(s):
        print(s, file=sys.stderr, flush=True)

    global KERNEL_LOG
    out = Path(args.results)
    out.mkdir(parents=True, exist_ok=True)
    KERNEL_LOG = open(out / "kernels.log", "ab")
    results = {}
    for name in order:
        log(f"== {name}")
        KERNEL_LOG.write(f"\n==== {name} {datetime.now(timezone.utc).isoformat()}\n".encode())
        KERNEL_LOG.flush()
        results[name] = bench_kernel(name, KERNELS[name], args.starts, args.warm, log)

    md = table(results, order)
    machine = f"{platform.node()}: {os.cpu_count()} CPUs, {platform.platform()}"
    print(f"\n### Kernel benchmark ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {machine})\n")
    print(md)

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    doc = {
        "when": stamp,
        "machine": machine,
        "starts": args.starts,
        "warm": args.warm,
        "targets": {k: t for k, _, _, t in METRICS},
        "results": results,
    }
    (out / f"kernel-{stamp}.json").write_text(json.dumps(doc, indent=1))
    (out / f"kernel-{stamp}.md").write_text(md + "\n")
    (out / "kernel-latest.json").write_text(json.dumps(doc, indent=1))
    log(f"results: {out / f'kernel-{stamp}.json'}")
    ours = results.get(OURS)
    return 1 if ours is not None and "error" in ours else 0


if __name__ == "__main__":
    sys.exit(main())
