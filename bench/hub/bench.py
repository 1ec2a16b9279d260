"""Hub benchmark: the AI Studio hub against JupyterHub 3.0 and jupyter_server 1.23 (Debian's), in one run.

    /usr/bin/python3 bench/hub/bench.py --hub-dir DIR --work DIR [--duration 10] [--connections 20]
                                        [--threads 2] [--rest-runs 3] [--starts 3] [--sessions 3] [--pooled-sessions 7] [--warm 1000]
                                        [--warm-info 1000] [--pool 2] [--results DIR] [--md-out FILE]

Normally started by bench/hub/run.sh, which installs the peers (apt), copies a Release build of the hub to a
private work directory (DIR) and cleans up every process this run started. What it measures:

  REST          `wrk -t2 -c20 -d10s --latency`, --rest-runs times back to back (3 by default) after a --warmup run (10 s
                by default): the median over the runs of requests/s, p50, p99 of
                  GET /hub/api/users   ours (admin token) vs JupyterHub (service token; the hub's own port, and
                                       through configurable-http-proxy); 10 users on both
                  GET /api/kernels     ours vs jupyter_server (no kernel running)
                  GET /api/contents    ours vs jupyter_server (10 small files in the directory)
  start         process start -> first 200 from GET /api (JupyterHub: /hub/api through its proxy); median of
                --starts starts, each in a fresh data directory (so each creates its database), each begun once
                the whole machine is idle (what ran before, the hub's publish or a server just stopped, is not
                measured with it)
  session       POST /api/sessions (aistudio-csharp) -> WebSocket kernel_info_reply, and -> the first `1+1`
                execute_result; cold (no pool), and pooled (ours with --Hub:WarmKernels=N: the build, and the
                publish of --r2r-dir; each session once the pool is full and the hub and its kernels are quiet),
                against jupyter_server running the same aistudio-kernel through a kernelspec; median of --sessions
                (cold) and of --pooled-sessions (pooled: the first after a start included, which pays the JIT of
                the hub's session path)
  round trip    `1+1` execute_request -> execute_reply and status idle, --warm times after 20 warm-up
                executes: through our WebSocket, through jupyter_server's, and straight over ZeroMQ to the
                same kind of kernel (started by jupyter_client's KernelManager; driven by its BlockingKernelClient
                and by a minimal pyzmq client), interleaved so that the machine's load falls on all alike;
                server-added latency = WebSocket minus direct, at p50 and p95; the same for kernel_info_request
                (--warm-info times; the same relay path with little of the kernel's work, whose spread at `1+1`
                is several times the target), the WebSockets against the minimal pyzmq client on each kernel.
                The WebSocket client is a minimal one of this file's, as little client work as the pyzmq one.
                Each kind of round trip starts once the servers and kernels are quiet (a kernel compiles in the
                background for seconds after its first cells)

The servers start one kind after the other (the starts); the last of each kind stays up for the REST runs, which
go in pairs back to back (ours, then the peer). JupyterHub is then stopped; the sessions and round trips follow;
the pooled hubs come last, alone, one after the other.

Prints progress to stderr and a Markdown table (ours, the peers from the same run, the ratios, the targets) to
stdout; writes JSON and the table to --results (bench/results/, git-ignored). Every wait is bounded.
"""

import argparse
import http.client
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import traceback
import uuid
from datetime import datetime, timezone
from pathlib import Path

from kernel_socket import KernelSocket

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

KERNEL_NAME = "aistudio-csharp"
TOKEN = "bench-" + uuid.uuid4().hex  # JupyterHub wants at least 8 characters
N_USERS = 10                          # users listed by GET /hub/api/users, the admin included
N_FILES = 10                          # files listed by GET /api/contents
START_TIMEOUT = 90.0
KERNEL_TIMEOUT = 120.0
EXEC_TIMEOUT = 60.0

PROCS = []  # every server this run started, stopped at exit whatever happens


def log(s):
    print(s, file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------------- processes

def proc_children():
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
    return children


def descendants(pid):
    children = proc_children()
    out, stack = [], list(children.get(pid, []))
    while stack:
        p = stack.pop()
        if p in out:
            continue
        out.append(p)
        stack.extend(children.get(p, []))
    return out


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, ValueError, IndexError):
            pass
    return total


class Server:
    """A server process in its own session, its output in a log file; stop() ends it and all it started."""

    def __init__(self, name, argv, env, log_path, cwd=None):
        self.name, self.log_path = name, log_path
        self.log_file = open(log_path, "ab")
        self.log_file.write(f"\n==== {name} {datetime.now(timezone.utc).isoformat()}: {' '.join(argv)}\n".encode())
        self.log_file.flush()
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=self.log_file,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        PROCS.append(self)

    def alive(self):
        return self.proc.poll() is None

    def tail(self, n=15):
        try:
            lines = Path(self.log_path).read_text(errors="replace").splitlines()
            return "\n".join(lines[-n:])
        except OSError:
            return ""

    def stop(self):
        if self in PROCS:
            PROCS.remove(self)
        tree = descendants(self.proc.pid)  # kernels live in sessions of their own: find them while the parent lives
        if self.alive():
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except OSError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                self.proc.wait(timeout=5)
        deadline = time.monotonic() + 5
        for pid in tree:
            while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
                time.sleep(0.05)
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        self.log_file.close()


# ---------------------------------------------------------------------------------------------------- HTTP

def request(port, method, path, token=None, body=None, timeout=30.0):
    """(status, parsed JSON body or text) of a JSON request with an API token."""
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"token {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    return send(port, method, path, headers, data, timeout)


def send(port, method, path, headers, data, timeout=30.0):
    """(status, parsed JSON body or text) of a request with these headers and raw body bytes (or None)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
        try:
            return resp.status, json.loads(raw) if raw else None
        except ValueError:
            return resp.status, raw.decode(errors="replace")
    finally:
        conn.close()


def wait_up(server, port, path, timeout=START_TIMEOUT, also=None):
    """Seconds from the server's process start to the first 200 from GET path (and, if given, the first 200 from
    `also` = (port, path), returned second, polled in turn)."""
    first = other = None
    deadline = time.monotonic() + timeout
    while first is None or (also is not None and other is None):
        if not server.alive():
            raise BenchError(f"{server.name} exited during start-up (code {server.proc.returncode}):\n{server.tail()}")
        if time.monotonic() > deadline:
            raise BenchError(f"{server.name}: no 200 from {path} within {timeout:.0f} s:\n{server.tail()}")
        for target in ([(port, path)] + ([also] if also else [])):
            if (first if target == (port, path) else other) is not None:
                continue
            try:
                status, _ = request(target[0], "GET", target[1], timeout=2)
            except OSError:
                continue
            if status == 200:
                t = time.perf_counter() - server.t0
                if target == (port, path):
                    first = t
                else:
                    other = t
        time.sleep(0.01)
    return (first, other) if also is not None else first


def expect(status_body, what, ok=(200, 201)):
    status, body = status_body
    if status not in ok:
        raise BenchError(f"{what}: HTTP {status}: {str(body)[:300]}")
    return body


# ---------------------------------------------------------------------------------------------------- servers

class Env:
    def __init__(self, args):
        self.hub_dir = Path(args.hub_dir).resolve()
        self.work = Path(args.work).resolve()
        self.logs = self.work / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.kernel_dll = self.hub_dir / "kernel" / "aistudio-kernel.dll"
        jp = self.work / "jupyter"
        spec_dir = jp / "kernels" / KERNEL_NAME
        spec_dir.mkdir(parents=True, exist_ok=True)
        (spec_dir / "kernel.json").write_text(json.dumps({
            "argv": ["dotnet", str(self.kernel_dll), "--connection-file", "{connection_file}", "--no-history"],
            "display_name": "C# (AI Studio)", "language": "csharp", "interrupt_mode": "message"}, indent=1))
        for d in ("jupyter-config", "jupyter-data", "runtime"):
            (self.work / d).mkdir(exist_ok=True)
        os.chmod(self.work / "runtime", 0o700)
        # jupyter_client (direct ZeroMQ), jupyter_server and JupyterHub see only this run's kernelspec and config
        os.environ.update({
            "JUPYTER_PATH": str(jp), "JUPYTER_CONFIG_DIR": str(self.work / "jupyter-config"),
            "JUPYTER_DATA_DIR": str(self.work / "jupyter-data"), "JUPYTER_RUNTIME_DIR": str(self.work / "runtime"),
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1",
        })
        # Debian's configurable-http-proxy looks for its modules where Debian's node does; another node (e.g.
        # NodeSource's) needs to be told
        os.environ["NODE_PATH"] = ":".join(p for p in ("/usr/share/nodejs", "/usr/lib/nodejs",
                                                       os.environ.get("NODE_PATH", "")) if p)
        self.n = 0

    def fresh(self, name):
        self.n += 1
        d = self.work / f"{name}-{self.n}"
        d.mkdir(parents=True)
        return d


def start_ours(env, extra=(), hub_dir=None):
    data = env.fresh("hub-data")
    port = free_port()
    e = dict(os.environ, AISTUDIO_DATA_DIR=str(data), AISTUDIO_ADMIN_TOKEN=TOKEN,
             AISTUDIO_ADMIN_PASSWORD="bench-" + uuid.uuid4().hex, Logging__LogLevel__Default="Warning")
    hub = hub_dir or env.hub_dir
    # A self-contained hub (the Server publish profile) runs as its own executable, as it is deployed.
    self_contained = "includedFrameworks" in (hub / "AIStudio.Hub.runtimeconfig.json").read_text()
    command = [str(hub / "AIStudio.Hub")] if self_contained else ["dotnet", str(hub / "AIStudio.Hub.dll")]
    server = Server("aistudio-hub", [*command, "--urls", f"http://127.0.0.1:{port}", *extra], e,
                    env.logs / "aistudio-hub.log", cwd=data)
    server.port = port
    try:
        server.up_s = wait_up(server, port, "/api")
    except Exception:
        server.stop()
        raise
    return server


def start_jupyter_server(env):
    root = env.fresh("jupyter-server-root")
    port = free_port()
    argv = [sys.executable, "-m", "jupyter_server", f"--ServerApp.token={TOKEN}", "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--ServerApp.open_browser=False",
            f"--ServerApp.root_dir={root}", "--ServerApp.log_level=WARN"]
    if os.getuid() == 0:
        argv.append("--ServerApp.allow_root=True")
    server = Server("jupyter_server", argv, dict(os.environ), env.logs / "jupyter-server.log", cwd=root)
    server.port = port
    try:
        server.up_s = wait_up(server, port, "/api")
    except Exception:
        server.stop()
        raise
    return server


def start_jupyterhub(env):
    d = env.fresh("jupyterhub")
    port, hub_port, api_port = free_port(), free_port(), free_port()
    (d / "jupyterhub_config.py").write_text(f"""
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.pid_file = {str(d / 'proxy.pid')!r}
c.JupyterHub.db_url = "sqlite:///" + {str(d / 'jupyterhub.sqlite')!r}
c.JupyterHub.cookie_secret_file = {str(d / 'cookie_secret')!r}
c.JupyterHub.pid_file = {str(d / 'jupyterhub.pid')!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.admin_users = {{"admin"}}
c.JupyterHub.services = [{{"name": "bench", "api_token": {TOKEN!r}}}]
c.JupyterHub.load_roles = [{{"name": "bench", "scopes": ["admin:users"], "services": ["bench"]}}]
c.JupyterHub.log_level = "WARN"
""")
    server = Server("jupyterhub", [sys.executable, "-m", "jupyterhub", "-f", str(d / "jupyterhub_config.py")],
                    dict(os.environ), env.logs / "jupyterhub.log", cwd=d)
    server.port, server.hub_port = port, hub_port
    try:
        # up = /hub/api answers through the proxy (the public URL); the hub's own port is noted too
        server.up_s, server.hub_up_s = wait_up(server, port, "/hub/api", also=(hub_port, "/hub/api"))
    except Exception:
        server.stop()
        raise
    return server


def machine_busy():
    """The share of all CPUs' time spent working over the next second (/proc/stat: all but idle and iowait)."""
    def sample():
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
        return sum(fields), fields[3] + fields[4]
    total0, idle0 = sample()
    time.sleep(1.0)
    total1, idle1 = sample()
    return 1.0 - (idle1 - idle0) / max(1, total1 - total0)


def wait_idle(timeout=60.0, busy=0.10):
    """Waits until the whole machine is idle (at most `busy` of its CPUs' time working over a second): what ran before
    (the publish of the hub just before the first starts, a server just stopped) is not measured with what starts next.
    Returns the seconds waited, or None when the machine was still busy at the timeout."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if machine_busy() <= busy:
            return time.monotonic() - t0
    return None


def measure_starts(name, starter, n, results):
    """n starts, each fresh and on an idle machine; returns the last server, still running."""
    times, extra, idle, server = [], [], [], None
    for i in range(n):
        if server is not None:
            server.stop()
        idle.append(wait_idle())
        server = starter()
        times.append(server.up_s)
        if getattr(server, "hub_up_s", None) is not None:
            extra.append(server.hub_up_s)
        log(f"  start {i + 1}/{n}: API up after {server.up_s:.3f} s"
            + (f" (hub port {server.hub_up_s:.3f} s)" if extra else ""))
    results[name]["start_all_s"] = times
    results[name]["idle_wait_before_starts_s"] = idle
    results[name]["start_s"] = statistics.median(times)
    if extra:
        results[name]["start_hub_port_all_s"] = extra
        results[name]["start_hub_port_s"] = statistics.median(extra)
    return server


# ---------------------------------------------------------------------------------------------------- wrk

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(m.group(1)) * _UNITS[m.group(2)] if m else None


def wrk(port, path, token, args, label):
    """Requests/s, p50, p90 and p99 (ms) of GET path, each the median over --rest-runs runs of wrk back to back (every
    run's own figures kept under "runs"); refuses to measure a route that does not answer 200."""
    status, body = request(port, "GET", path, token)
    if status != 200:
        raise BenchError(f"GET {path}: HTTP {status}: {str(body)[:200]}")
    url = f"http://127.0.0.1:{port}{path}"
    base = ["wrk", f"-t{args.threads}", f"-c{args.connections}", "--latency", "-H", f"Authorization: token {token}"]
    subprocess.run(base + [f"-d{args.warmup}s", url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=args.warmup + 30, check=False)  # warm-up, not counted
    runs = []
    for i in range(args.rest_runs):
        out = subprocess.run(base + [f"-d{args.duration}s", url], capture_output=True, text=True,
                             timeout=args.duration + 60, check=False).stdout
        runs.append(parse_wrk(out, url, f"{label} (run {i + 1} of {args.rest_runs})"))
    res = {key: statistics.median(r[key] for r in runs) if all(r.get(key) is not None for r in runs) else None
           for key in ("rps", "p50_ms", "p90_ms", "p99_ms")}
    res["requests"] = sum(r.get("requests") or 0 for r in runs)
    res["runs"] = [{key: r.get(key) for key in ("rps", "p50_ms", "p99_ms")} for r in runs]
    warnings = [w for r in runs for w in r.get("warnings", [])]
    if warnings:
        res["warnings"] = warnings
    if len(runs) > 1:
        log(f"  {label}, median of {len(runs)}: {res['rps']:.0f} req/s, p50 {res['p50_ms']:.2f} ms, p99 {res['p99_ms']:.2f} ms")
    return res


def parse_wrk(out, url, label):
    """wrk --latency's output: requests/s, p50, p90, p99 (ms), requests, and warnings (non-2xx, socket errors).
    Also used by bench/deploy/bench.py."""
    res = {"rps": None, "p50_ms": None, "p99_ms": None}
    m = re.search(r"Requests/sec:\s*([\d.]+)", out)
    if m:
        res["rps"] = float(m.group(1))
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms"), ("90", "p90_ms")):
        m = re.search(rf"^\s*{pct}(?:\.0+)?%\s+(\S+)", out, re.M)
        if m:
            res[key] = _ms(m.group(1))
    m = re.search(r"(\d+) requests in", out)
    res["requests"] = int(m.group(1)) if m else None
    warnings = []
    m = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
    if m:
        warnings.append(f"{m.group(1)} non-2xx responses")
    m = re.search(r"Socket errors:.*", out)
    if m:
        warnings.append(m.group(0).strip())
    if warnings:
        res["warnings"] = [f"{label}: " + "; ".join(warnings)]
    if res["rps"] is None:
        raise BenchError(f"wrk printed no result for {url}:\n{out[-500:]}")
    log(f"  {label}: {res['rps']:.0f} req/s, p50 {res['p50_ms']:.2f} ms, p99 {res['p99_ms']:.2f} ms"
        + (f"  ({'; '.join(warnings)})" if warnings else ""))
    return res


# ---------------------------------------------------------------------------------------------------- WebSocket

def parent_id(msg):
    return (msg.get("parent_header") or {}).get("msg_id")


def ws_timed_execute(ks, code="1+1", timeout=EXEC_TIMEOUT):
    """Seconds from sending execute_request to having both execute_reply (shell) and status idle (iopub): the two
    channels have no order between them."""
    t0 = time.perf_counter()
    reply = ws_reply_and_idle(ks, ks.execute(code), "execute_reply", timeout)
    elapsed = time.perf_counter() - t0
    if reply["content"].get("status") != "ok":
        raise BenchError(f"execute {code!r} -> {reply['content'].get('status')}: {reply['content'].get('evalue')}")
    return elapsed


def ws_timed_info(ks, timeout=EXEC_TIMEOUT):
    """Seconds from sending kernel_info_request to having both its reply and status idle: the same relay path as an
    execute (a shell request; busy, the reply, idle back) with little of the kernel's own work."""
    t0 = time.perf_counter()
    ws_reply_and_idle(ks, ks.send("shell", "kernel_info_request", {}), "kernel_info_reply", timeout)
    return time.perf_counter() - t0


def ws_reply_and_idle(ks, msg_id, reply_type, timeout):
    deadline = time.monotonic() + timeout
    reply = idle = None
    while reply is None or not idle:
        msg = ks.recv(deadline)
        if parent_id(msg) != msg_id:
            continue
        if msg.get("channel") == "shell" and msg["header"]["msg_type"] == reply_type:
            reply = msg
        elif msg["header"]["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
            idle = True
    return reply


def session_to_result(port, token, name):
    """POST /api/sessions -> kernel_info_reply over the kernel's WebSocket -> first `1+1` execute_result.
    Returns (timings, session id, open KernelSocket)."""
    t0 = time.perf_counter()
    model = expect(request(port, "POST", "/api/sessions", token, {
        "path": "b.ipynb", "type": "notebook", "name": "", "kernel": {"name": KERNEL_NAME}},
        timeout=KERNEL_TIMEOUT), f"{name}: POST /api/sessions")
    t_post = time.perf_counter() - t0
    ks = KernelSocket(port, model["kernel"]["id"], token, KERNEL_TIMEOUT)
    try:
        t_ws = time.perf_counter() - t0
        deadline = time.monotonic() + KERNEL_TIMEOUT
        sent = {ks.send("shell", "kernel_info_request", {})}
        resend = time.monotonic() + 5
        while True:  # a request sent before the kernel listened could be lost: ask again every 5 s
            try:
                msg = ks.recv(min(deadline, resend))
            except Exception as e:
                if time.monotonic() >= deadline:
                    raise BenchError(f"{name}: no kernel_info_reply within {KERNEL_TIMEOUT:.0f} s") from e
                if time.monotonic() >= resend:
                    sent.add(ks.send("shell", "kernel_info_request", {}))
                    resend = time.monotonic() + 5
                    continue
                raise
            if msg["header"]["msg_type"] == "kernel_info_reply" and parent_id(msg) in sent:
                break
        t_info = time.perf_counter() - t0
        msg_id = ks.execute("1+1")
        t_result = None
        reply = idle = None
        deadline = time.monotonic() + KERNEL_TIMEOUT
        while reply is None or not idle:
            msg = ks.recv(deadline)
            if parent_id(msg) != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "execute_result" and t_result is None:
                t_result = time.perf_counter() - t0
                text = msg["content"].get("data", {}).get("text/plain")
                if text != "2":
                    raise BenchError(f"{name}: `1+1` gave {text!r}")
            elif kind == "execute_reply":
                reply = msg
            elif kind == "status" and msg["content"].get("execution_state") == "idle":
                idle = True
        if t_result is None:
            raise BenchError(f"{name}: `1+1` gave no execute_result ({reply['content']})")
    except Exception:
        ks.close()
        raise
    return {"post_s": t_post, "ws_open_s": t_ws, "info_s": t_info, "result_s": t_result}, model["id"], ks


def measure_sessions(server, token, n, label, keep_last=False, between=None):
    runs, kept = [], None
    for i in range(n):
        if between is not None and i > 0:
            between()
        times, sid, ks = session_to_result(server.port, token, label)
        runs.append(times)
        log(f"  session {i + 1}/{n}: POST {times['post_s']:.3f} s, kernel_info_reply {times['info_s']:.3f} s, "
            f"first result {times['result_s']:.3f} s")
        if keep_last and i == n - 1:
            kept = (server, sid, ks)
        else:
            ks.close()
            expect(request(server.port, "DELETE", f"/api/sessions/{sid}", token), f"{label}: DELETE session", ok=(204, 200))
    summary = {"runs": runs, "info_s": statistics.median(r["info_s"] for r in runs),
               "result_s": statistics.median(r["result_s"] for r in runs),
               "post_s": statistics.median(r["post_s"] for r in runs)}
    return summary, kept


class DirectKernel:
    """The same kernelspec started by jupyter_client's KernelManager, driven over ZeroMQ by a BlockingKernelClient."""

    def __init__(self, log_path):
        from jupyter_client.manager import KernelManager

        self.out = open(log_path, "ab")
        self.km = KernelManager(kernel_name=KERNEL_NAME)
        self.km.start_kernel(stdout=self.out, stderr=self.out)
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=KERNEL_TIMEOUT)
            for _ in range(10):  # a SUB socket misses what is published before it joins: see an idle first
                msg_id = self.kc.kernel_info()
                self._wait(self.kc.get_shell_msg, msg_id, time.monotonic() + 30, idle=False)
                try:
                    self._wait(self.kc.get_iopub_msg, msg_id, time.monotonic() + 1, idle=True)
                    break
                except BenchError:
                    continue
        except Exception:
            self.close()
            raise

    @staticmethod
    def _wait(get, msg_id, deadline, idle):
        from queue import Empty

        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BenchError("direct ZeroMQ: no reply or idle in time")
            try:
                msg = get(timeout=min(left, 1.0))
            except Empty:
                continue
            if parent_id(msg) == msg_id and (not idle or (
                    msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle")):
                return msg

    def timed_execute(self):
        # each channel has its own socket and queue: waiting on one, then the other, ends when both are in
        t0 = time.perf_counter()
        msg_id = self.kc.execute("1+1", store_history=True, allow_stdin=False)
        deadline = time.monotonic() + EXEC_TIMEOUT
        reply = self._wait(self.kc.get_shell_msg, msg_id, deadline, idle=False)
        self._wait(self.kc.get_iopub_msg, msg_id, deadline, idle=True)
        elapsed = time.perf_counter() - t0
        if reply["content"].get("status") != "ok":
            raise BenchError(f"direct ZeroMQ: `1+1` -> {reply['content'].get('status')}")
        return elapsed

    def close(self):
        try:
            self.kc.stop_channels()
        except Exception:
            pass
        try:
            self.km.shutdown_kernel(now=False)
        except Exception:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:
                pass
        self.out.close()


class RawZmqClient:
    """A minimal client on the direct kernel's ports (pyzmq: a DEALER on shell, a SUB on iopub, HMAC-SHA256 signed
    and verified, JSON): about as little client work as the WebSocket client does, where jupyter_client's
    BlockingKernelClient adds its own (channel threads and queues, date parsing)."""

    DELIM = b"<IDS|MSG>"

    def __init__(self, connection_file):
        import zmq

        info = json.loads(Path(connection_file).read_text())
        self.key = info["key"].encode()
        self.session = uuid.uuid4().hex
        ctx = zmq.Context.instance()
        url = f"{info['transport']}://{info['ip']}:"
        self.shell = ctx.socket(zmq.DEALER)
        self.shell.linger = 0
        self.shell.connect(url + str(info["shell_port"]))
        self.iopub = ctx.socket(zmq.SUB)
        self.iopub.linger = 0
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(url + str(info["iopub_port"]))
        for _ in range(20):  # a SUB socket misses what is published before it joins: see an idle first
            msg_id = self._send("kernel_info_request", {})
            try:
                self._until(msg_id, time.monotonic() + 2)
                break
            except BenchError:
                continue
        else:
            raise BenchError("raw ZeroMQ client: no kernel_info reply and idle")

    def _sign(self, parts):
        import hashlib
        import hmac

        h = hmac.new(self.key, digestmod=hashlib.sha256)
        for part in parts:
            h.update(part)
        return h.hexdigest().encode()

    def _send(self, msg_type, content):
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": "bench", "session": self.session,
                  "date": datetime.now(timezone.utc).isoformat(), "version": "5.3"}
        parts = [json.dumps(x).encode() for x in (header, {}, {}, content)]
        self.shell.send_multipart([self.DELIM, self._sign(parts)] + parts)
        return msg_id

    def _read(self, sock):
        frames = sock.recv_multipart()
        i = frames.index(self.DELIM)
        parts = frames[i + 2:i + 6]
        if self._sign(parts) != frames[i + 1]:
            raise BenchError("raw ZeroMQ client: bad signature")
        return json.loads(parts[0]), json.loads(parts[1]), parts[3]

    def _until(self, msg_id, deadline):
        """Until both the shell reply and the iopub status idle of msg_id are in; returns the reply's content."""
        import zmq

        poller = zmq.Poller()
        poller.register(self.shell, zmq.POLLIN)
        poller.register(self.iopub, zmq.POLLIN)
        reply, idle = None, False
        while reply is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BenchError("raw ZeroMQ client: no reply or idle in time")
            for sock, _ in poller.poll(left * 1000):
                header, parent, content = self._read(sock)
                if parent.get("msg_id") != msg_id:
                    continue
                if sock is self.shell:
                    reply = json.loads(content)
                elif header["msg_type"] == "status" and json.loads(content).get("execution_state") == "idle":
                    idle = True
        return reply

    def timed_execute(self):
        t0 = time.perf_counter()
        msg_id = self._send("execute_request", {"code": "1+1", "silent": False, "store_history": True,
                                                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        reply = self._until(msg_id, time.monotonic() + EXEC_TIMEOUT)
        elapsed = time.perf_counter() - t0
        if reply.get("status") != "ok":
            raise BenchError(f"raw ZeroMQ client: `1+1` -> {reply.get('status')}")
        return elapsed

    def timed_info(self):
        t0 = time.perf_counter()
        self._until(self._send("kernel_info_request", {}), time.monotonic() + EXEC_TIMEOUT)
        return time.perf_counter() - t0

    def close(self):
        self.shell.close()
        self.iopub.close()


def round_trips(clients, warm_n):
    """`1+1` round trips on every client, interleaved (one each per round, the order rotating), so that the load of
    this busy machine falls on all alike: 20 warm-up executes each, then warm_n each."""
    for timed in clients.values():
        for _ in range(20):
            timed()
    names = list(clients)
    times = {name: [] for name in names}
    for i in range(warm_n):
        for name in names[i % len(names):] + names[:i % len(names)]:
            times[name].append(clients[name]() * 1000.0)
    return {name: {"n": warm_n, "p50_ms": statistics.median(t), "p95_ms": percentile(t, 95), "max_ms": max(t)}
            for name, t in times.items()}


# ---------------------------------------------------------------------------------------------------- pool

def hub_kernel_connection_file(server):
    """The connection file on the command line of the hub's (one) kernel process, or None."""
    for pid in hub_kernels(server):
        for word in cmdline(pid).split():
            if word.endswith(".json") and Path(word).is_file():
                return word
    return None


def hub_kernels(server):
    return [p for p in descendants(server.proc.pid) if "aistudio-kernel.dll" in cmdline(p)]


def wait_pool(server, want, timeout=60.0, appear=10.0):
    """Waits until `want` kernel processes run under the hub and have stopped working (started and warmed up: their
    CPU time grows by at most 5% of a core over a second; heartbeats cost less); returns how many there are (0: none
    appeared within `appear` seconds, i.e. no pool)."""
    t0 = time.monotonic()
    history = []  # (time, kernel pids, CPU ticks)
    while time.monotonic() - t0 < timeout:
        kernels = sorted(hub_kernels(server))
        now = time.monotonic()
        if not kernels and now - t0 > appear:
            return 0
        history.append((now, kernels, cpu_ticks(kernels)))
        past = [h for h in history if now - h[0] >= 1.0]
        if len(kernels) >= want and past and past[-1][1] == kernels:
            if history[-1][2] - past[-1][2] <= 0.05 * os.sysconf("SC_CLK_TCK") * (now - past[-1][0]):
                return len(kernels)
        time.sleep(0.25)
    return len(hub_kernels(server))


def wait_quiet(timeout=60.0):
    """Waits until every process this bench started (servers and kernels) has stopped working in the background: their
    CPU time together grows by at most 5% of a core over a second. A kernel keeps compiling for seconds after its
    first cells (tiered compilation promoting the C# compiler's hot methods to optimized code: measured, 3 s of CPU
    over the 6 s after 200 `1+1` executes), and round trips measured meanwhile share the 2 cores with it. Returns the
    seconds waited, or None when they were still busy at the timeout."""
    hz = os.sysconf("SC_CLK_TCK")
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        pids = descendants(os.getpid())
        before = cpu_ticks(pids)
        time.sleep(1.0)
        if cpu_ticks(pids) - before <= 0.05 * hz:
            return time.monotonic() - t0
    return None


# ---------------------------------------------------------------------------------------------------- the run

def section(results, key, fn):
    try:
        return fn()
    except Exception as e:
        results.setdefault("errors", []).append(f"{key}: {type(e).__name__}: {e}")
        log(f"  FAILED ({key}): {type(e).__name__}: {e}")
        log(traceback.format_exc())
        return None


def put_files(port, token):
    for i in range(N_FILES):
        expect(request(port, "PUT", f"/api/contents/f{i}.txt", token,
                       {"type": "file", "format": "text", "content": f"hello {i}\n"}), f"PUT f{i}.txt")


def run(args):
    env = Env(args)
    R = {"ours": {}, "ours_r2r": {}, "jupyter_server": {}, "jupyterhub": {}, "direct": {}, "warnings": []}
    dll = env.hub_dir / "AIStudio.Hub.dll"
    R["build"] = (f"AIStudio.Hub.dll of {datetime.fromtimestamp(dll.stat().st_mtime, timezone.utc):%Y-%m-%d %H:%M} UTC"
                  + ("" if b"Hub:WarmKernels" in dll.read_bytes().replace(b"\0", b"") else
                     ", built before the warm pool (no Hub:WarmKernels in it)"))
    users = [f"bench-u{i}" for i in range(1, N_USERS)]
    kept = {}  # name -> (server, session id, KernelSocket): the kernels of the round trips, measured together
    hub = js = jh = direct = raw = same = None
    try:
        # ---- starts; the last server of each kind stays up, so that each pair of REST runs is back to back
        log("== AI Studio hub: start -> GET /api")
        hub = section(R, "ours start", lambda: measure_starts(
            "ours", lambda: start_ours(env, ["--Hub:WarmKernels=0"]), args.starts, R))
        if args.r2r_dir:
            log(f"== AI Studio hub published with {args.r2r_kind}: start -> GET /api")
            r2r = section(R, "ours r2r start", lambda: measure_starts(
                "ours_r2r", lambda: start_ours(env, ["--Hub:WarmKernels=0"], Path(args.r2r_dir).resolve()), args.starts, R))
            if r2r is not None:
                r2r.stop()
        log("== jupyter_server: start -> GET /api")
        js = section(R, "jupyter_server start",
                     lambda: measure_starts("jupyter_server", lambda: start_jupyter_server(env), args.starts, R))
        log("== JupyterHub: start -> GET /hub/api (through configurable-http-proxy)")
        jh = section(R, "jupyterhub start",
                     lambda: measure_starts("jupyterhub", lambda: start_jupyterhub(env), args.starts, R))

        # ---- REST: the same data on both sides of each pair
        if hub is not None:
            section(R, "ours setup", lambda: (
                expect(request(hub.port, "POST", "/hub/api/users", TOKEN, {"usernames": users}), "POST /hub/api/users"),
                put_files(hub.port, TOKEN)))
        if js is not None:
            section(R, "jupyter_server setup", lambda: put_files(js.port, TOKEN))
        if jh is not None:
            section(R, "jupyterhub setup", lambda: expect(
                request(jh.hub_port, "POST", "/hub/api/users", TOKEN, {"usernames": users}), "JupyterHub POST /hub/api/users"))
        log("== REST (wrk)")
        runs = [("ours", "users", hub, "port", "/hub/api/users", "ours /hub/api/users"),
                ("jupyterhub", "users", jh, "hub_port", "/hub/api/users", "JupyterHub /hub/api/users (hub port)"),
                ("jupyterhub", "users_proxy", jh, "port", "/hub/api/users", "JupyterHub /hub/api/users (through the proxy)"),
                ("ours", "kernels", hub, "port", "/api/kernels", "ours /api/kernels"),
                ("jupyter_server", "kernels", js, "port", "/api/kernels", "jupyter_server /api/kernels"),
                ("ours", "contents", hub, "port", "/api/contents", "ours /api/contents"),
                ("jupyter_server", "contents", js, "port", "/api/contents", "jupyter_server /api/contents")]
        for side, key, server, port_attr, path, label in runs:
            if server is not None:
                R[side][key] = section(R, f"{side} wrk {label}",
                                       lambda: wrk(getattr(server, port_attr), path, TOKEN, args, label))
        if jh is not None:
            jh.stop()
            jh = None

        # ---- sessions, cold (the last one's kernel is kept for the round trips)
        if hub is not None:
            log("== AI Studio hub: sessions, cold (--Hub:WarmKernels=0)")
            got = section(R, "ours sessions", lambda: measure_sessions(hub, TOKEN, args.sessions, "ours", keep_last=True))
            if got:
                R["ours"]["session_cold"], kept["ours"] = got
        if js is not None:
            log("== jupyter_server: sessions (the same aistudio-kernel through a kernelspec)")
            got = section(R, "jupyter_server sessions",
                          lambda: measure_sessions(js, TOKEN, args.sessions, "jupyter_server", keep_last=True))
            if got:
                R["jupyter_server"]["session_cold"], kept["jupyter_server"] = got

        # ---- round trips: our WebSocket, jupyter_server's, direct ZeroMQ, interleaved
        log("== direct ZeroMQ kernel (jupyter_client KernelManager, same kernelspec)")
        direct = section(R, "direct zmq", lambda: DirectKernel(env.logs / "kernels.log"))
        clients = {name: (lambda ks=ks: ws_timed_execute(ks)) for name, (_, _, ks) in kept.items()}
        if direct is not None:
            clients["direct"] = direct.timed_execute
            raw = section(R, "raw zmq", lambda: RawZmqClient(direct.km.connection_file))
            if raw is not None:
                clients["raw"] = raw.timed_execute
        # The tightest measure of what the hub adds: the same minimal client straight on the hub's own kernel (its
        # connection file, as the hub wrote it), interleaved with the WebSocket on that kernel: the kernel's own spread
        # falls on both alike.
        if "ours" in kept and hub is not None:
            connection = hub_kernel_connection_file(hub)
            if connection is not None:
                same = section(R, "same-kernel zmq", lambda: RawZmqClient(connection))
                if same is not None:
                    clients["ours_direct"] = same.timed_execute
            else:
                R.setdefault("errors", []).append("same-kernel zmq: no connection file on the hub's kernel's command line")
        R["quiet_s"] = {"exec": wait_quiet()}
        log(f"== `1+1` round trips, interleaved: {', '.join(clients)} (after {fmt(R['quiet_s']['exec'], 's')} for the "
            "kernels to go quiet)")
        got = section(R, "round trips", lambda: round_trips(clients, args.warm))
        for name, stats in (got or {}).items():
            if name in ("direct", "raw"):
                R["direct"]["zmq" if name == "direct" else "raw"] = stats
            elif name == "ours_direct":
                R["ours"]["same_kernel_raw"] = stats
            else:
                R[name]["ws"] = stats
            log(f"  {name}: p50 {stats['p50_ms']:.2f} ms, p95 {stats['p95_ms']:.2f} ms")
        # The same relay path with little kernel work: kernel_info_request, the minimal clients only.
        infos = {name: (lambda ks=ks: ws_timed_info(ks)) for name, (_, _, ks) in kept.items()}
        if raw is not None:
            infos["raw"] = raw.timed_info
        if same is not None:
            infos["ours_direct"] = same.timed_info
        R["quiet_s"]["info"] = wait_quiet()
        log(f"== kernel_info round trips, interleaved: {', '.join(infos)} (after {fmt(R['quiet_s']['info'], 's')} for "
            "the kernels to go quiet)")
        got = section(R, "kernel_info round trips", lambda: round_trips(infos, args.warm_info))
        for name, stats in (got or {}).items():
            if name == "raw":
                R["direct"]["raw_info"] = stats
            elif name == "ours_direct":
                R["ours"]["same_kernel_raw_info"] = stats
            else:
                R[name]["ws_info"] = stats
            log(f"  {name}: p50 {stats['p50_ms']:.2f} ms, p95 {stats['p95_ms']:.2f} ms")
    finally:
        for _, _, ks in kept.values():
            ks.close()
        if raw is not None:
            raw.close()
        if same is not None:
            same.close()
        if direct is not None:
            direct.close()
        for server in (hub, js, jh):
            if server is not None:
                server.stop()

    # ---- ours, with a warm pool: the build, and the hub as a server ships it (the publish whose start-up is measured)
    if args.pool > 0:
        def pooled(side, hub_dir):
            # The pool serves unsandboxed kernels only (a sandbox's writable paths are fixed before the owner is known).
            server = start_ours(env, [f"--Hub:WarmKernels={args.pool}", "--Hub:Sandbox=none"], hub_dir)
            try:
                n = wait_pool(server, args.pool)
                R[side]["pool_kernels_seen"] = n
                # A session meets a hub at rest, as one that has been up a while (its start-up's background JIT done)
                # and whose pool refilled (a refill is started a moment after a session took a kernel).
                quiet = [wait_quiet()]
                log(f"  {n} kernel process(es) running before the first session; quiet after {fmt(quiet[0], 's')}")

                def between():
                    log(f"  refilled: {wait_pool(server, args.pool)} kernel(s)")
                    quiet.append(wait_quiet())

                summary, _ = measure_sessions(server, TOKEN, args.pooled_sessions, "ours pooled", between=between if n else None)
                summary["quiet_s"] = quiet
                return summary
            finally:
                server.stop()

        pools = [("ours", None, "AI Studio hub")]
        if args.r2r_dir:
            pools.append(("ours_r2r", Path(args.r2r_dir).resolve(), f"AI Studio hub published with {args.r2r_kind}"))
        for side, hub_dir, label in pools:
            log(f"== {label} with --Hub:WarmKernels={args.pool}: sessions")
            R[side]["session_pooled"] = section(R, f"{side} pooled sessions", lambda: pooled(side, hub_dir))

    for side in ("ours", "jupyter_server", "jupyterhub"):
        for v in R[side].values():
            if isinstance(v, dict):
                R["warnings"].extend(v.get("warnings", []))
    return R


# ---------------------------------------------------------------------------------------------------- table

def g(R, *keys):
    v = R
    for k in keys:
        if not isinstance(v, dict) or v.get(k) is None:
            return None
        v = v[k]
    return v


def fmt(v, unit):
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    if unit == "req/s":
        return f"{v:,.0f} req/s"
    if unit == "ms":
        return f"{v:.2f} ms"
    return f"{v:.3f} s"


def table(R, args):
    JH, JS, ZMQ = "JupyterHub 3.0 (hub port)", "jupyter_server 1.23", "direct ZeroMQ, no server"
    cold = g(R, "ours", "session_cold")

    def pool_check(side):
        """(sessions, note, kernel_info time, first result time) of a hub with a warm pool; the times give way to the
        note when no pool was seen and the sessions were no faster than cold ones."""
        pooled = g(R, side, "session_pooled")
        if pooled is None:
            return None, None, None, None
        note = None
        faster = cold is None or pooled["info_s"] <= 0.5 * cold["info_s"]
        if not g(R, side, "pool_kernels_seen"):
            note = "pool not implemented yet" if not faster else \
                "no kernel process was seen before the first session, yet pooled sessions were faster than cold"
        elif not faster:
            note = "pool kernels were running, but pooled sessions were no faster than cold"
        if note == "pool not implemented yet":
            return pooled, note, note, note
        return pooled, note, pooled["info_s"], pooled["result_s"]

    pooled, pool_note, pooled_info, pooled_result = pool_check("ours")
    pooled_r2r, pool_note_r2r, pooled_info_r2r, pooled_result_r2r = pool_check("ours_r2r")

    def added(side, pct, base="zmq"):
        a, b = g(R, side, "ws", pct), g(R, "direct", base, pct)
        return a - b if a is not None and b is not None else None

    def added_same_kernel(pct, ws="ws", raw="same_kernel_raw"):
        a, b = g(R, "ours", ws, pct), g(R, "ours", raw, pct)
        return a - b if a is not None and b is not None else None

    def added_info(side, pct):
        a, b = g(R, side, "ws_info", pct), g(R, "direct", "raw_info", pct)
        return a - b if a is not None and b is not None else None

    users = f"GET /hub/api/users ({N_USERS} users)"
    contents = f"GET /api/contents ({N_FILES} files)"
    # (measure, peer label, ours, peer's, unit, higher is better, target text, target check on (ours, ratio))
    rows = [
        (f"{users}, throughput", JH, g(R, "ours", "users", "rps"), g(R, "jupyterhub", "users", "rps"), "req/s", True,
         "≥ 20× JupyterHub", lambda o, r: r is not None and r >= 20),
        (f"{users}, throughput", "JupyterHub 3.0 via configurable-http-proxy", g(R, "ours", "users", "rps"),
         g(R, "jupyterhub", "users_proxy", "rps"), "req/s", True, "", None),
        (f"{users}, p50", JH, g(R, "ours", "users", "p50_ms"), g(R, "jupyterhub", "users", "p50_ms"), "ms", False, "", None),
        (f"{users}, p99", JH, g(R, "ours", "users", "p99_ms"), g(R, "jupyterhub", "users", "p99_ms"), "ms", False,
         "≤ 10 ms", lambda o, r: o <= 10),
        ("GET /api/kernels (none running), throughput", JS, g(R, "ours", "kernels", "rps"),
         g(R, "jupyter_server", "kernels", "rps"), "req/s", True, "", None),
        ("GET /api/kernels, p50", JS, g(R, "ours", "kernels", "p50_ms"), g(R, "jupyter_server", "kernels", "p50_ms"),
         "ms", False, "", None),
        ("GET /api/kernels, p99", JS, g(R, "ours", "kernels", "p99_ms"), g(R, "jupyter_server", "kernels", "p99_ms"),
         "ms", False, "≤ 10 ms", lambda o, r: o <= 10),
        (f"{contents}, throughput", JS, g(R, "ours", "contents", "rps"), g(R, "jupyter_server", "contents", "rps"),
         "req/s", True, "", None),
        (f"{contents}, p50", JS, g(R, "ours", "contents", "p50_ms"), g(R, "jupyter_server", "contents", "p50_ms"),
         "ms", False, "", None),
        (f"{contents}, p99", JS, g(R, "ours", "contents", "p99_ms"), g(R, "jupyter_server", "contents", "p99_ms"),
         "ms", False, "≤ 10 ms", lambda o, r: o <= 10),
        (f"process start → first 200 from GET /api (median of {args.starts}, fresh data dir)", JS,
         g(R, "ours", "start_s"), g(R, "jupyter_server", "start_s"), "s", False, "≤ 1 s", lambda o, r: o <= 1),
        (f"process start → first 200 from GET /api (JupyterHub: /hub/api via its proxy)", "JupyterHub 3.0",
         g(R, "ours", "start_s"), g(R, "jupyterhub", "start_s"), "s", False, "≤ 1 s", lambda o, r: o <= 1),
        (f"process start → first 200 from GET /api, published with {args.r2r_kind} (median of {args.starts})", JS,
         g(R, "ours_r2r", "start_s"), g(R, "jupyter_server", "start_s"), "s", False, "≤ 1 s", lambda o, r: o <= 1),
        (f"session POST → kernel_info_reply, cold (--Hub:WarmKernels=0; median of {args.sessions})", JS, g(cold, "info_s"),
         g(R, "jupyter_server", "session_cold", "info_s"), "s", False, "", None),
        ("session POST → first `1+1` result, cold", JS, g(cold, "result_s"),
         g(R, "jupyter_server", "session_cold", "result_s"), "s", False, "", None),
        (f"session POST → kernel_info_reply, pooled (--Hub:WarmKernels={args.pool}; median of {args.pooled_sessions})", JS + " (no pool)", pooled_info,
         g(R, "jupyter_server", "session_cold", "info_s"), "s", False, "", None),
        ("session POST → first `1+1` result, pooled", JS + " (no pool)", pooled_result,
         g(R, "jupyter_server", "session_cold", "result_s"), "s", False, "≤ 0.1 s", lambda o, r: o <= 0.1),
        (f"session POST → kernel_info_reply, pooled, published with {args.r2r_kind} (median of {args.pooled_sessions})",
         JS + " (no pool)", pooled_info_r2r, g(R, "jupyter_server", "session_cold", "info_s"), "s", False, "", None),
        (f"session POST → first `1+1` result, pooled, published with {args.r2r_kind}", JS + " (no pool)",
         pooled_result_r2r, g(R, "jupyter_server", "session_cold", "result_s"), "s", False, "≤ 0.1 s",
         lambda o, r: o <= 0.1),
        (f"`1+1` round trip over the WebSocket, p50 ({args.warm} after warm-up)", ZMQ, g(R, "ours", "ws", "p50_ms"),
         g(R, "direct", "zmq", "p50_ms"), "ms", False, "", None),
        ("`1+1` round trip over the WebSocket, p95", ZMQ, g(R, "ours", "ws", "p95_ms"), g(R, "direct", "zmq", "p95_ms"),
         "ms", False, "", None),
        ("server-added latency (WebSocket − direct BlockingKernelClient), p50", JS, added("ours", "p50_ms"),
         added("jupyter_server", "p50_ms"), "ms", False, "", None),
        ("server-added latency (WebSocket − direct BlockingKernelClient), p95", JS, added("ours", "p95_ms"),
         added("jupyter_server", "p95_ms"), "ms", False, "≤ 1 ms", lambda o, r: o <= 1),
        ("server-added latency (WebSocket − direct minimal pyzmq client), p50", JS, added("ours", "p50_ms", "raw"),
         added("jupyter_server", "p50_ms", "raw"), "ms", False, "", None),
        ("server-added latency (WebSocket − direct minimal pyzmq client), p95", JS, added("ours", "p95_ms", "raw"),
         added("jupyter_server", "p95_ms", "raw"), "ms", False, "≤ 1 ms", lambda o, r: o <= 1),
        ("hub-added latency on the same kernel (WebSocket − minimal pyzmq client on the hub's own kernel), p50", "—",
         added_same_kernel("p50_ms"), None, "ms", False, "", None),
        ("hub-added latency on the same kernel (WebSocket − minimal pyzmq client on the hub's own kernel), p95", "—",
         added_same_kernel("p95_ms"), None, "ms", False, "≤ 1 ms", lambda o, r: o <= 1),
        (f"`kernel_info` round trip over the WebSocket, p50 ({args.warm_info} after warm-up)",
         "direct minimal pyzmq client", g(R, "ours", "ws_info", "p50_ms"), g(R, "direct", "raw_info", "p50_ms"),
         "ms", False, "", None),
        ("`kernel_info` round trip over the WebSocket, p95", "direct minimal pyzmq client",
         g(R, "ours", "ws_info", "p95_ms"), g(R, "direct", "raw_info", "p95_ms"), "ms", False, "", None),
        ("server-added latency, `kernel_info` (WebSocket − direct minimal pyzmq client), p50", JS,
         added_info("ours", "p50_ms"), added_info("jupyter_server", "p50_ms"), "ms", False, "", None),
        ("hub-added latency on the same kernel, `kernel_info` (WebSocket − minimal pyzmq client on the hub's own "
         "kernel), p50", "—", added_same_kernel("p50_ms", "ws_info", "same_kernel_raw_info"), None, "ms", False, "",
         None),
        ("hub-added latency on the same kernel, `kernel_info`, p95", "—",
         added_same_kernel("p95_ms", "ws_info", "same_kernel_raw_info"), None, "ms", False, "≤ 1 ms",
         lambda o, r: o <= 1),
    ]
    head = ["measure", "peer", "AI Studio hub", "peer's", "ours / peer", "target (ours)", "ours meets target"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for title, peer, ours, theirs, unit, higher, target, check in rows:
        num = isinstance(ours, (int, float)) and isinstance(theirs, (int, float))
        ratio = ours / theirs if num and theirs else None
        if ratio is None:
            ratio_s = "—"
        elif higher:
            ratio_s = f"{ratio:.1f}×"
        else:
            ratio_s = f"{ratio:.2f}×"
        if check is None:
            verdict = ""
        elif not isinstance(ours, (int, float)):
            verdict = "—" if ours is None else "no (not measured)"
        else:
            verdict = "PASS" if check(ours, ratio) else "FAIL"
        lines.append("| " + " | ".join([title, peer, fmt(ours, unit), fmt(theirs, unit), ratio_s, target, verdict]) + " |")

    notes = ["", "ours / peer: for req/s higher is better, for times lower is better. "
                 f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency, {args.rest_runs} run(s) after a {args.warmup} s warm-up run, "
                 "the median of each figure over the runs (every run below); "
                 "wrk runs on the same machine as the servers; each pair's runs are back to back, all servers up, idle but for the one measured."]
    rest_rows = [(side, key, label) for side, side_label in (("ours", "AI Studio hub"), ("jupyterhub", "JupyterHub"),
                                                             ("jupyter_server", "jupyter_server"))
                 for key, label in (("users", f"{side_label} GET /hub/api/users"),
                                    ("users_proxy", f"{side_label} GET /hub/api/users through its proxy"),
                                    ("kernels", f"{side_label} GET /api/kernels"),
                                    ("contents", f"{side_label} GET /api/contents"))]
    for side, key, label in rest_rows:
        if g(R, side, key, "runs"):
            notes.append(f"- {label}, each run (req/s, p50, p99): " + "; ".join(
                f"{fmt(r['rps'], 'req/s')}, {fmt(r['p50_ms'], 'ms')}, {fmt(r['p99_ms'], 'ms')}" for r in R[side][key]["runs"]))
    for side, label in (("ours", "AI Studio hub"), ("ours_r2r", f"AI Studio hub published with {args.r2r_kind}"),
                        ("jupyter_server", "jupyter_server"), ("jupyterhub", "JupyterHub")):
        if g(R, side, "start_all_s"):
            extra = ""
            if g(R, side, "start_hub_port_all_s"):
                extra = "; its hub port answered /hub/api after " + ", ".join(
                    f"{t:.2f}" for t in R[side]["start_hub_port_all_s"]) + " s"
            notes.append(f"- {label} starts: " + ", ".join(f"{t:.2f}" for t in R[side]["start_all_s"]) + " s" + extra)
    waits = [w for side in ("ours", "ours_r2r", "jupyter_server", "jupyterhub")
             for w in (g(R, side, "idle_wait_before_starts_s") or [])]
    if waits:
        waited = [w for w in waits if w is not None]
        busy = len(waits) - len(waited)
        notes.append("- each start waited for an idle machine (at most 10% of its CPUs' time working over a second; the "
                     "hub's publish ran just before the first): "
                     + (f"waits of {fmt(min(waited), 's')} to {fmt(max(waited), 's')}" if waited else "no wait ended")
                     + (f"; {busy} start(s) began on a machine still busy after 60 s" if busy else ""))
    for side, label in (("ours", "AI Studio hub, cold"), ("jupyter_server", "jupyter_server")):
        s = g(R, side, "session_cold")
        if s:
            notes.append(f"- {label} sessions (POST returned / kernel_info_reply / first result): " + "; ".join(
                f"{r['post_s']:.2f} / {r['info_s']:.2f} / {r['result_s']:.2f} s" for r in s["runs"]))
    for pool, note, side, label in ((pooled, pool_note, "ours", "AI Studio hub"),
                                    (pooled_r2r, pool_note_r2r, "ours_r2r",
                                     f"AI Studio hub published with {args.r2r_kind}")):
        if pool is None:
            continue
        seen = g(R, side, "pool_kernels_seen") or 0
        quiet = pool.get("quiet_s") or []
        notes.append(f"- {label} with --Hub:WarmKernels={args.pool}: {seen} kernel process(es) under the hub "
                     "before the first session; sessions (POST / kernel_info_reply / first result): " + "; ".join(
                         f"{r['post_s']:.3f} / {r['info_s']:.3f} / {r['result_s']:.3f} s" for r in pool["runs"])
                     + ("; each began with the pool full and the hub and its kernels quiet (waits of "
                        + ", ".join(fmt(q, "s") for q in quiet) + "; — : still busy after 60 s)" if quiet else ""))
        if note:
            notes.append(f"- **{label}: {note}**" + (
                ": no kernel was started before the first session, and the sessions were not markedly faster than "
                "cold ones; "
                "the pooled rows show no number" if note == "pool not implemented yet" else ""))
    js_ws = g(R, "jupyter_server", "ws")
    if js_ws:
        notes.append(f"- jupyter_server WebSocket `1+1` round trip: p50 {js_ws['p50_ms']:.2f} ms, "
                     f"p95 {js_ws['p95_ms']:.2f} ms (probably Nagle: its tornado WebSocket does not set TCP_NODELAY, so "
                     "a small frame can wait for the client's delayed ACK)")
    if any(v is not None and v < 0 for v in (added("ours", "p50_ms"), added("ours", "p95_ms"))):
        notes.append("- a negative server-added latency: the WebSocket client plus the hub took less time than "
                     "jupyter_client's BlockingKernelClient alone, whose own per-message work exceeds what the hub "
                     "adds; the rows against the minimal pyzmq client are the tighter measure")
    raw = g(R, "direct", "raw")
    if raw:
        notes.append(f"- direct minimal pyzmq client (on the BlockingKernelClient's kernel): p50 {raw['p50_ms']:.2f} ms, "
                     f"p95 {raw['p95_ms']:.2f} ms; it does about as little client-side work per message as the "
                     "WebSocket client, where jupyter_client adds its channel threads, queues and date parsing")
    notes.append(f"- round trips: {args.warm} executes each after 20 warm-up ones, interleaved between our WebSocket, "
                 "jupyter_server's and the two direct ZeroMQ clients (three kernels, all alive at once), each timed "
                 "from execute_request to both execute_reply and status idle; the `1+1` itself costs the kernel "
                 "most of it, so the differences are small against the spread on a busy machine")
    notes.append(f"- kernel_info round trips: {args.warm_info} each after 20 warm-up ones, interleaved between the "
                 "WebSockets and the minimal pyzmq clients (on the direct kernel and on the hub's own), timed from "
                 "kernel_info_request to both its reply and status idle: the relay's path with the kernel's own work "
                 "at about a millisecond")
    quiet = R.get("quiet_s") or {}
    if quiet:
        notes.append("- before each kind of round trip the bench waited until the servers and kernels were quiet (their "
                     "CPU time growing by at most 5% of a core over a second; the kernels go on compiling for seconds "
                     f"after their first cells): {fmt(quiet.get('exec'), 's')} before the `1+1` round trips, "
                     f"{fmt(quiet.get('info'), 's')} before the kernel_info ones (— : still busy after 60 s)")
    notes.append("- the WebSocket client: a minimal RFC 6455 client of this bench (one buffered reader), as little "
                 "client work per message as the minimal pyzmq client; the same for both servers")
    notes.append(f"- hub build: {R.get('build', '?')}")
    notes.append("- kernels: ours runs aistudio-kernel with --history-file under its data dir; jupyter_server and "
                 "the direct client run it with --no-history; all through the same dotnet host")
    for w in R.get("warnings", []):
        notes.append(f"- warning: {w}")
    for e in R.get("errors", []):
        notes.append(f"- **failed**: {e}")
    return "\n".join(lines + notes)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hub-dir", required=True, help="a built hub (AIStudio.Hub.dll, kernel/aistudio-kernel.dll)")
    ap.add_argument("--work", required=True, help="private directory for data dirs, configs, logs")
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--rest-runs", type=int, default=3,
                    help="wrk runs per route and server, back to back after the warm-up; the table has their medians")
    ap.add_argument("--warmup", type=int, default=10,
                    help="seconds of the uncounted wrk run before each measured one (every server alike; a JIT-compiled "
                         "server is still promoting its hot methods to optimized code for the first seconds; 2 before "
                         "2026-11-27)")
    ap.add_argument("--connections", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--r2r-dir", help="the hub published with ReadyToRun (how it is deployed): its starts and pooled sessions "
                                                "are measured too")
    ap.add_argument("--r2r-kind", default="ReadyToRun", help="how --r2r-dir was published, for the table")
    ap.add_argument("--sessions", type=int, default=3, help="cold sessions per server")
    ap.add_argument("--pooled-sessions", type=int, default=7,
                    help="pooled sessions per hub (each after the pool refilled and the machine went quiet)")
    ap.add_argument("--warm", type=int, default=1000,
                    help="`1+1` round trips per client (200 before 2026-11-28: a p95 of 200 samples whose spread is "
                         "the kernel's own swung by several ms from run to run)")
    ap.add_argument("--warm-info", type=int, default=1000, help="kernel_info round trips per client")
    ap.add_argument("--pool", type=int, default=2, help="--Hub:WarmKernels for the pooled sessions; 0 skips them")
    ap.add_argument("--results", default=str(REPO / "bench" / "results"))
    ap.add_argument("--md-out", help="also write the table (with its heading) to this file")
    args = ap.parse_args()

    if not (Path(args.hub_dir) / "AIStudio.Hub.dll").is_file():
        ap.error(f"no AIStudio.Hub.dll in {args.hub_dir}")
    load0 = os.getloadavg()
    try:
        R = run(args)
    finally:
        for server in list(PROCS):
            server.stop()
    load1 = os.getloadavg()

    md = table(R, args)
    machine = (f"{platform.node()}: {os.cpu_count()} CPUs, {platform.platform()}; "
               f"load average {load0[0]:.1f} at the start, {load1[0]:.1f} at the end")
    heading = f"### Hub benchmark ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {machine})"
    print(f"\n{heading}\n")
    print(md)

    out = Path(args.results)
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    doc = {"when": stamp, "machine": machine, "args": {k: v for k, v in vars(args).items() if k not in ("work",)},
           "results": R}
    (out / f"hub-{stamp}.json").write_text(json.dumps(doc, indent=1, default=str))
    (out / f"hub-{stamp}.md").write_text(heading + "\n\n" + md + "\n")
    (out / "hub-latest.json").write_text(json.dumps(doc, indent=1, default=str))
    if args.md_out:
        Path(args.md_out).write_text(heading + "\n\n" + md + "\n")
    log(f"results: {out / f'hub-{stamp}.json'}")
    return 1 if any(e.startswith("ours") for e in R.get("errors", [])) else 0


if __name__ == "__main__":
    sys.exit(main())
