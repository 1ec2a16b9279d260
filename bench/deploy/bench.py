"""Deployment serving benchmark (issue 7): a small ONNX model served through the hub against ONNX Runtime called
directly in-process (the physical floor), at 20 connections on this machine's cores.

    /usr/bin/python3 bench/deploy/bench.py --hub-dir DIR --bench-dll FILE --work DIR [--duration 10]
                                           [--connections 20] [--threads 2] [--warmup 10] [--results DIR]
                                           [--md-out FILE] [--rate 2000]

Normally started by bench/deploy/run.sh, which builds the hub (Release) and DeployBench, copies the hub to a private work
directory (DIR) and cleans up every process this run started. What it does:

  model    `DeployBench model`: an ML.NET regression on 4 float features exported with Microsoft.ML.OnnxConverter
           (inputs f1..f4 and Label, float32 [-1, 1]); the one-row request body; the model's answer to it
  floor    `DeployBench floor`: that prediction through one shared InferenceSession (the hub's session options,
           one intra-op thread) from --connections tasks in a closed loop for --duration s after --warmup s (10):
           predictions/s, p50/p95/p99 (ms), the wait for a turn on the thread pool included (as a request's wait
           behind the other connections is included in wrk's latency). Runs before the hub starts.
  paced    `DeployBench paced`: the p99 the target is judged on, at a fixed offered load (--rate, the 2,000/s target by
           default) over --connections workers, latency from each request's scheduled time (wrk2's way): in-process
           before the hub starts, through the hub after its wrk run (one prepared request per keep-alive connection, as
           wrk2 sends; then again through .NET's HttpClient, a reference row). At saturation (the wrk rows) latency is queueing,
           connections / throughput, for any server; the paced rows measure what the hub adds at the load it must carry.
  hub      the hub (--Hub:DeploymentRequestsPerMinute=1000000000, so the rate limiter is on the path but never refuses),
           a user and their API token (admin token), the model uploaded as a deployment, a key with the 'predict' scope,
           one checked prediction (the floor's answer), then `wrk -t2 -c20 -d10s --latency` POSTing the body with
           `Authorization: Bearer <key>` (after a --warmup s run, not counted: 2 s leave the JIT's tiered compilation
           and the hub's first-request paths in the measurement, which then reads 3-4x slower). Any non-2xx response or socket error fails the run.
           The hub's own metrics of the deployment (server-side p50/p95/p99) and the CPU the hub used are noted too.

Prints progress to stderr and a Markdown table to stdout; writes JSON and the table to --results (bench/results/,
git-ignored) and the table to --md-out. Helpers (processes, HTTP, wrk's output) come from bench/hub/bench.py.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

def _hub_bench():
    """bench/hub/bench.py, loaded under its own name (this file is bench.py too), with its folder on the module path for
    the modules it imports (kernel_socket)."""
    import importlib.util
    folder = Path(__file__).resolve().parent.parent / "hub"
    sys.path.append(str(folder))
    spec = importlib.util.spec_from_file_location("hub_bench", folder / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["hub_bench"] = module
    spec.loader.exec_module(module)
    return module


hubbench = _hub_bench()
BenchError, Server, log, request, expect = hubbench.BenchError, hubbench.Server, hubbench.log, hubbench.request, hubbench.expect
free_port, wait_up, parse_wrk, send = hubbench.free_port, hubbench.wait_up, hubbench.parse_wrk, hubbench.send
cpu_ticks, descendants = hubbench.cpu_ticks, hubbench.descendants

DEPLOYMENT = "bench-model"
USER = "bench-deploy"
TARGET_ADDED_P99_MS = 2.0
TARGET_RPS = 2000.0


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def dotnet_json(argv, timeout):
    out = subprocess.run(["dotnet", *argv], capture_output=True, text=True, timeout=timeout, check=False)
    if out.returncode != 0:
        raise BenchError(f"dotnet {' '.join(argv)} exited {out.returncode}:\n{out.stderr[-1500:]}{out.stdout[-500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def multipart(field, filename, data):
    boundary = "----aistudio-bench-" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body


def start_hub(hub_dir, work, logs):
    data = work / "hub-data"
    data.mkdir()
    port = free_port()
    env = dict(os.environ, AISTUDIO_DATA_DIR=str(data), AISTUDIO_ADMIN_TOKEN=hubbench.TOKEN,
               AISTUDIO_ADMIN_PASSWORD="bench-" + uuid.uuid4().hex, Logging__LogLevel__Default="Warning")
    server = Server("aistudio-hub", ["dotnet", str(hub_dir / "AIStudio.Hub.dll"), "--urls", f"http://127.0.0.1:{port}",
                                     "--Hub:WarmKernels=0", "--Hub:DeploymentRequestsPerMinute=1000000000"],
                    env, logs / "aistudio-hub.log", cwd=data)
    server.port = port
    try:
        server.up_s = wait_up(server, port, "/api")
    except Exception:
        server.stop()
        raise
    return server


def deploy(port, model_path):
    """A user, their token, the model as a deployment, a predict key: (token, key, predict path)."""
    expect(request(port, "POST", f"/hub/api/users/{USER}", hubbench.TOKEN, {}), f"POST /hub/api/users/{USER}")
    token = expect(request(port, "POST", f"/hub/api/users/{USER}/tokens", hubbench.TOKEN, {"note": "deploy bench"}),
                   "POST tokens")["token"]
    content_type, body = multipart("model", "model.onnx", Path(model_path).read_bytes())
    created = expect(send(port, "POST", f"/hub/api/deployments/{DEPLOYMENT}/versions",
                          {"Authorization": f"token {token}", "Content-Type": content_type, "Accept": "application/json"},
                          body, timeout=60.0),
                     f"POST /hub/api/deployments/{DEPLOYMENT}/versions")
    key = expect(request(port, "POST", f"/hub/api/deployments/{DEPLOYMENT}/keys", token,
                         {"note": "deploy bench", "scopes": ["predict"]}), "POST keys")["key"]
    return token, key, f"/deployments/{USER}/{DEPLOYMENT}/predict", created


def lua_script(path, body, key):
    def lua(s):
        return json.dumps(s)  # a JSON string literal is a valid Lua string literal for this ASCII text
    Path(path).write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {lua(body)}\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = {lua("Bearer " + key)}\n')


def run(args):
    work, results_dir = Path(args.work).resolve(), Path(args.results).resolve()
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    bench_dll = str(Path(args.bench_dll).resolve())
    R = {"started": datetime.now(timezone.utc).isoformat(), "host": platform.node(), "cpus": os.cpu_count(),
         "platform": platform.platform(), "loadavg_start": loadavg(),
         "wrk": f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency (after a {args.warmup} s warm-up run)"}
    log(f"[deploy] load average {R['loadavg_start']} on {os.cpu_count()} CPU(s)")

    log("[deploy] making the model (ML.NET -> ONNX)")
    model_dir = work / "model"
    made = dotnet_json([bench_dll, "model", str(model_dir)], timeout=300)
    body = (model_dir / "body.json").read_text()
    R["model"] = {"bytes": (model_dir / "model.onnx").stat().st_size, "body": json.loads(body), **made}

    log(f"[deploy] in-process floor: {args.connections} tasks, {args.duration} s")
    R["loadavg_floor"] = loadavg()
    floor = dotnet_json([bench_dll, "floor", str(model_dir / "model.onnx"), "--seconds", str(args.duration),
                         "--concurrency", str(args.connections), "--warmup", str(args.warmup)], timeout=args.duration + args.warmup + 120)
    R["floor"] = floor
    log(f"  floor: {floor['rps']:.0f} predictions/s, p50 {floor['p50_ms']:.3f} ms, p95 {floor['p95_ms']:.3f} ms, "
        f"p99 {floor['p99_ms']:.3f} ms")

    log(f"[deploy] in-process floor at a fixed {args.rate:,.0f} predictions/s over {args.connections} workers, {args.duration} s")
    paced = [bench_dll, "paced", "--rate", str(args.rate), "--connections", str(args.connections),
             "--seconds", str(args.duration), "--warmup", str(args.warmup)]
    R["floor_paced"] = dotnet_json(paced + ["--model", str(model_dir / "model.onnx"), "--samples", str(logs / "floor-paced-samples.csv")],
                                   timeout=args.duration + args.warmup + 120)
    log(f"  floor paced: p50 {R['floor_paced']['p50_ms']:.3f} ms, p99 {R['floor_paced']['p99_ms']:.3f} ms")

    log("[deploy] starting the hub")
    hub = start_hub(Path(args.hub_dir).resolve(), work, logs)
    try:
        token, key, path, created = deploy(hub.port, model_dir / "model.onnx")
        status, answer = send(hub.port, "POST", path, {"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
                              body.encode(), timeout=60.0)
        if status != 200:
            raise BenchError(f"POST {path}: HTTP {status}: {str(answer)[:300]}")
        got = answer["outputs"][made["score_output"]][0]
        if abs(got - made["score"]) > 1e-4 * max(1.0, abs(made["score"])):
            raise BenchError(f"the hub answered {got}, ONNX Runtime in-process {made['score']}")
        log(f"  deployed: POST {path} -> {made['score_output']} = {got} (in-process: {made['score']})")

        script = work / "predict.lua"
        lua_script(script, body, key)
        url = f"http://127.0.0.1:{hub.port}{path}"
        base = ["wrk", f"-t{args.threads}", f"-c{args.connections}", "--latency", "-s", str(script)]
        subprocess.run(base + [f"-d{args.warmup}s", url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=args.warmup + 30, check=False)  # warm-up (the JIT's tiers settle), not counted
        R["loadavg_hub"] = loadavg()
        pids = [hub.proc.pid] + descendants(hub.proc.pid)
        ticks0, t0 = cpu_ticks(pids), time.monotonic()
        out = subprocess.run(base + [f"-d{args.duration}s", url], capture_output=True, text=True,
                             timeout=args.duration + 60, check=False).stdout
        hub_cpu = (cpu_ticks(pids) - ticks0) / os.sysconf("SC_CLK_TCK") / (time.monotonic() - t0)
        res = parse_wrk(out, url, "hub predict")
        res["hub_cpu_cores"] = hub_cpu
        res["wrk_output"] = out
        R["hub"] = res
        if res.get("warnings"):
            raise BenchError("a run with errors is not a result: " + "; ".join(res["warnings"]))
        # Latency at the target throughput (wrk2's way: a fixed offered rate, latency from each scheduled time).
        (work / "body.json").write_text(body)
        R["hub_paced"] = dotnet_json(paced + ["--url", url, "--key", key, "--body", str(work / "body.json"),
                                              "--samples", str(logs / "hub-paced-samples.csv")],
                                     timeout=args.duration + args.warmup + 120)
        if R["hub_paced"]["errors"]:
            raise BenchError(f"{R['hub_paced']['errors']} paced requests failed")
        log(f"  hub paced: p50 {R['hub_paced']['p50_ms']:.3f} ms, p99 {R['hub_paced']['p99_ms']:.3f} ms")
        # For reference: the same paced load sent through .NET's HttpClient (its own cost on the same cores counts).
        R["hub_paced_httpclient"] = dotnet_json(paced + ["--url", url, "--key", key, "--body", str(work / "body.json"),
                                                         "--client", "httpclient"], timeout=args.duration + args.warmup + 120)
        if R["hub_paced_httpclient"]["errors"]:
            raise BenchError(f"{R['hub_paced_httpclient']['errors']} paced requests (HttpClient) failed")
        log(f"  hub paced (HttpClient): p50 {R['hub_paced_httpclient']['p50_ms']:.3f} ms, "
            f"p99 {R['hub_paced_httpclient']['p99_ms']:.3f} ms")
        metrics = expect(request(hub.port, "GET", f"/hub/api/deployments/{DEPLOYMENT}/metrics", token),
                         "GET metrics")
        R["hub_metrics"] = metrics
        # For reading the tail: the hub's cheapest route (GET /api: no authentication, no body) the same way, right after.
        api = ["wrk", f"-t{args.threads}", f"-c{args.connections}", "--latency", f"http://127.0.0.1:{hub.port}/api"]
        subprocess.run(api[:-1] + ["-d3s", api[-1]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60,
                       check=False)
        out = subprocess.run(api[:-1] + [f"-d{args.duration}s", api[-1]], capture_output=True, text=True,
                             timeout=args.duration + 60, check=False).stdout
        R["hub_get_api"] = parse_wrk(out, api[-1], "hub GET /api")
        R["hub_get_api"]["wrk_output"] = out
    finally:
        hub.stop()
    R["loadavg_end"] = loadavg()
    return R


def fmt(v, unit):
    if v is None:
        return "—"
    if unit == "/s":
        return f"{v:,.0f}/s"
    return f"{v:.2f} ms"


def server_side(R):
    for v in (R.get("hub_metrics") or {}).get("versions", []):
        if v.get("version") == "1":
            return v.get("latency_ms") or {}
    return {}


def table(R, args):
    f, h = R["floor"], R["hub"]
    fp, hp = R["floor_paced"], R["hub_paced"]
    added = h["p99_ms"] - f["p99_ms"]
    added_paced = hp["p99_ms"] - fp["p99_ms"]
    la = lambda k: ", ".join(f"{x:.2f}" for x in R[k])  # noqa: E731
    when = datetime.fromisoformat(R["started"]).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### Deployment serving benchmark ({when}, {R['cpus']} CPUs, {R['platform']}; load average "
        f"{la('loadavg_start')} at the start, {la('loadavg_hub')} before the hub run, {la('loadavg_end')} at the end)",
        "",
        "| measure | in-process floor (ONNX Runtime, one shared session) | through the hub (`POST /deployments/{owner}/{name}/predict`) "
        "| hub-added | target | met |",
        "|---|---|---|---|---|---|",
        f"| predictions/s at {args.connections} connections | {fmt(f['rps'], '/s')} | {fmt(h['rps'], '/s')} | | "
        f"≥ {TARGET_RPS:,.0f}/s | {'yes' if h['rps'] >= TARGET_RPS else 'NO'} |",
        f"| p50 at {args.rate:,.0f} predictions/s offered ({args.connections} connections, paced) | {fmt(fp['p50_ms'], 'ms')} | "
        f"{fmt(hp['p50_ms'], 'ms')} | {hp['p50_ms'] - fp['p50_ms']:+.2f} ms | | |",
        f"| p99 at {args.rate:,.0f} predictions/s offered ({args.connections} connections, paced) | {fmt(fp['p99_ms'], 'ms')} | "
        f"{fmt(hp['p99_ms'], 'ms')} | {added_paced:+.2f} ms | ≤ +{TARGET_ADDED_P99_MS:.0f} ms | "
        f"{'yes' if added_paced <= TARGET_ADDED_P99_MS else 'NO'} |",
        f"| p50 at saturation ({args.connections} connections, closed loop) | {fmt(f['p50_ms'], 'ms')} | {fmt(h['p50_ms'], 'ms')} | "
        f"{h['p50_ms'] - f['p50_ms']:+.2f} ms | | |",
        f"| p99 at saturation ({args.connections} connections, closed loop) | {fmt(f['p99_ms'], 'ms')} | {fmt(h['p99_ms'], 'ms')} | "
        f"{added:+.2f} ms | (queueing: latency = connections / throughput) | |",
    ]
    if R.get("hub_paced_httpclient"):
        c = R["hub_paced_httpclient"]
        lines.append(f"| for reference: p50 / p99 paced as above, sent with .NET's HttpClient | | {fmt(c['p50_ms'], 'ms')} / "
                     f"{fmt(c['p99_ms'], 'ms')} | {c['p50_ms'] - fp['p50_ms']:+.2f} / {c['p99_ms'] - fp['p99_ms']:+.2f} ms | | |")
    if R.get("hub_get_api"):
        a = R["hub_get_api"]
        lines.append(f"| for reference: the hub's `GET /api` (no auth, no body), same wrk | | {fmt(a['rps'], '/s')}, "
                     f"p50 {fmt(a['p50_ms'], 'ms')}, p99 {fmt(a['p99_ms'], 'ms')} | | | |")
    lines.append("")
    ss = server_side(R)
    notes = [
        f"Paced rows: `DeployBench paced`, {args.rate:,.0f} requests/s offered for {args.duration} s (after {args.warmup} s) "
        f"over {args.connections} workers, each sending its share at scheduled times: one pacer thread sleeps to each due time with the kernel's high-resolution timer (clock_nanosleep, ~0.1 ms late here; .NET's timers woke 1–3 ms late, more than the latency measured) and lets that request's worker go; no spinning, which starved the server on 2 cores; latency counted from the "
        f"scheduled time (wrk2's way, no coordinated omission); in-process through the floor's session on the thread pool, "
        f"through the hub over {args.connections} keep-alive HTTP/1.1 connections with the deployment key, one per worker, "
        f"each sending one prepared request and reading the whole answer into one buffer as wrk2 does (nothing allocated "
        f"per request, so the load generator's own work and garbage collections on the same {R['cpus']} cores are not "
        f"charged to the hub; the reference row sends the same load through .NET's HttpClient); achieved "
        f"{fp['achieved_rps']:,.0f}/s and {hp['achieved_rps']:,.0f}/s, {hp['errors']} errors. This is the p99 the target "
        f"is judged on: a server's added latency at the load it must carry, not the queueing of a closed loop driven past "
        f"saturation, where latency is connections ÷ throughput for any server.",
        f"Model: an ML.NET regression on 4 float features (SDCA) exported with Microsoft.ML.OnnxConverter "
        f"({R['model']['bytes']:,} bytes; inputs f1–f4 and Label, one row per request). Both sides run the same one-row "
        f"prediction with the hub's session options (one intra-op thread).",
        f"Floor: {args.connections} tasks in a closed loop on the thread pool for {args.duration} s after {args.warmup} s of warm-up; "
        f"latency from asking to the answer, the wait for a turn included (p95 {f['p95_ms']:.2f} ms, "
        f"{f['predictions']:,} predictions).",
        f"Hub: {R['wrk']} POSTing the JSON body with a deployment key, on the same machine as the hub; "
        f"{h['requests']:,} requests, 0 non-2xx; the hub process used {h['hub_cpu_cores']:.2f} of the {R['cpus']} cores during the run (wrk and anything else running, the rest). "
        f"Rate limiter on the path (--Hub:DeploymentRequestsPerMinute=1000000000).",
    ]
    if ss:
        notes.append(f"The hub's own metrics of the deployment (handler time, a sample of all requests): p50 "
                     f"{ss.get('p50', 0):.3f} ms, p95 {ss.get('p95', 0):.3f} ms, p99 {ss.get('p99', 0):.3f} ms.")
    return "\n".join(lines + [f"- {n}" for n in notes]) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hub-dir", required=True)
    ap.add_argument("--bench-dll", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=10, help="seconds of warm-up before each side is measured")
    ap.add_argument("--results", default=str(hubbench.REPO / "bench" / "results"))
    ap.add_argument("--md-out")
    ap.add_argument("--rate", type=float, default=TARGET_RPS, help="offered predictions/s of the paced runs (default: the target)")
    args = ap.parse_args()
    try:
        R = run(args)
    except BenchError as e:
        log(f"[deploy] FAILED: {e}")
        return 1
    finally:
        for server in list(hubbench.PROCS):
            server.stop()
    md = table(R, args)
    print(md)
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    (results / f"deploy-{stamp}.json").write_text(json.dumps(R, indent=1))
    (results / f"deploy-{stamp}.md").write_text(md)
    (results / "deploy-latest.json").write_text(json.dumps(R, indent=1))
    if args.md_out:
        Path(args.md_out).write_text(md)
    log(f"[deploy] results: {results / f'deploy-{stamp}.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
