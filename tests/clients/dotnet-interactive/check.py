#!/usr/bin/python3
"""Checks the AI Studio hub with the stock `dotnet interactive` (the engine of VS Code Polyglot Notebooks), run by
tests/clients/run.sh.

    check.py --tool PATH/dotnet-interactive --url http://127.0.0.1:PORT --token TOKEN [--timeout SECONDS] [--log FILE]
    (or HUB_URL / HUB_TOKEN in the environment)

Drives `dotnet-interactive stdio` headless: one JSON KernelCommandEnvelope per line on stdin
({"token", "commandType": "SubmitCode", "command": {"code", "targetKernelName"}}), one KernelEventEnvelope per line on
stdout (KernelReady, StandardOutputValueProduced, ReturnValueProduced, CommandSucceeded, CommandFailed, ...). It
connects to the hub with `#!connect jupyter --url URL --token TOKEN --kernel-name hub --kernel-spec aistudio-csharp`,
then runs C# cells in the `hub` kernel. One line per check, "ok - ..." or "not ok - ..."; the exit code is non-zero if
any check failed. Every line dotnet-interactive wrote goes to --log (the token masked).
"""
import argparse
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

KERNEL_SPEC = "aistudio-csharp"
PROXY_NAME = "hub"

passed = 0
failed = 0


def ok(name):
    global passed
    passed += 1
    print(f"ok - {name}", flush=True)


def not_ok(name, why):
    global failed
    failed += 1
    print(f"not ok - {name}: {why}", flush=True)


def first_line(text, limit=400):
    text = (text or "").strip().splitlines()
    return (text[0] if text else "")[:limit]


class Stdio:
    """A `dotnet-interactive stdio` process and the events it writes."""

    lock = threading.Lock()

    def __init__(self, tool, workdir, log, secret):
        env = dict(os.environ)
        env.update(DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1",
                   DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT="1", DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE="1")
        self.log = log
        self.secret = secret
        self.events = queue.Queue()
        self.counter = 0
        self.sessions = []  # hub sessions made by #!connect: dotnet-interactive leaves them running when it quits
        self.proc = subprocess.Popen([tool, "stdio", "--working-dir", workdir], cwd=workdir, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     start_new_session=True)
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _write_log(self, prefix, line):
        with self.lock:
            self.log.write(f"{time.time():.3f} {prefix} {line.rstrip().replace(self.secret, '***')}\n")
            self.log.flush()

    def _read_stdout(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace")
            self._write_log("out", line)
            try:
                envelope = json.loads(line)
            except ValueError:
                continue
            if isinstance(envelope, dict) and "eventType" in envelope:
                self.events.put(envelope)
        self.events.put(None)  # end of output

    def _read_stderr(self):
        for raw in self.proc.stderr:
            self._write_log("err", raw.decode("utf-8", "replace"))

    def wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no KernelReady in {timeout:.0f} s")
            envelope = self.events.get(timeout=left)
            if envelope is None:
                raise RuntimeError(f"dotnet-interactive exited ({self.proc.poll()}) before KernelReady")
            if envelope["eventType"] == "KernelReady":
                return envelope

    def submit(self, code, target=None, timeout=120):
        """Sends SubmitCode; returns (succeeded, events of this command, seconds, failure message)."""
        self.counter += 1
        token = f"aistudio-clients-{self.counter}"
        command = {"code": code}
        if target:
            command["targetKernelName"] = target
        envelope = {"token": token, "commandType": "SubmitCode", "command": command}
        self._write_log("in ", json.dumps(envelope))
        start = time.monotonic()
        self.proc.stdin.write((json.dumps(envelope) + "\n").encode())
        self.proc.stdin.flush()
        seen = []
        deadline = start + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no CommandSucceeded/CommandFailed in {timeout:.0f} s; events: "
                                   + ", ".join(e["eventType"] for e in seen))
            try:
                event = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if event is None:
                raise RuntimeError(f"dotnet-interactive exited ({self.proc.poll()})")
            event_token = ((event.get("command") or {}).get("token")) or ""
            if event_token != token and not event_token.startswith(token + "."):
                continue
            seen.append(event)
            if event_token == token and event["eventType"] in ("CommandSucceeded", "CommandFailed"):
                elapsed = time.monotonic() - start
                if event["eventType"] == "CommandSucceeded":
                    return True, seen, elapsed, None
                return False, seen, elapsed, (event.get("event") or {}).get("message", "")

    def close(self):
        try:  # Quit ends the process (it does not end at the end of its input)
            self.proc.stdin.write((json.dumps({"token": "aistudio-clients-quit", "commandType": "Quit", "command": {}}) + "\n").encode())
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def values(events, event_type, mime="text/plain"):
    """The text of every formatted value of that mime type in events of that type."""
    found = []
    for e in events:
        if e["eventType"] == event_type:
            for v in (e.get("event") or {}).get("formattedValues") or []:
                if v.get("mimeType") == mime:
                    found.append(v.get("value", ""))
    return found


def describe(events):
    """A short account of a command's events, for a failure message."""
    parts = []
    for e in events:
        payload = e.get("event") or {}
        text = payload.get("message") or " | ".join(v.get("value", "")[:80] for v in payload.get("formattedValues") or [])
        parts.append(f"{e['eventType']}{(': ' + first_line(text, 200)) if text else ''}")
    return "; ".join(parts) or "no events"


def run_cells(stdio, cells, left, target=None):
    """Submits each (name, code, expect) cell; one ok / not ok line each, with what went wrong."""
    for name, code, expect in cells:
        try:
            succeeded, events, seconds, message = stdio.submit(code, target=target, timeout=left(120))
        except Exception as e:
            not_ok(name, f"{type(e).__name__}: {e}")
            continue
        if succeeded and expect(events):
            ok(f"{name} ({seconds:.2f} s)")
        elif succeeded:
            not_ok(name, f"succeeded, but the events were: {describe(events)}")
        else:
            not_ok(name, f"CommandFailed after {seconds:.2f} s: {first_line(message, 600)}; {describe(events)}")


def hub_request(url, token, method, path, body=None):
    """(status, parsed JSON body or text) of a request to the hub."""
    data = None if body is None else json.dumps(body).encode()
    headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}
    request = urllib.request.Request(url.rstrip("/") + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, text = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode("utf-8", "replace")
    try:
        return status, json.loads(text) if text else None
    except ValueError:
        return status, text


def explain_start_failure(url, token):
    """Replays the request `#!connect jupyter` starts a kernel with (JupyterHttpConnection.CreateKernelConnectionAsync in
    dotnet/interactive: POST api/sessions with a kernel id of its own making, a path dotnet-<that id>) and prints the
    hub's answer, which dotnet-interactive reduces to its reason phrase."""
    kernel_id = str(uuid.uuid4())
    body = {"kernel": {"id": kernel_id, "name": KERNEL_SPEC}, "name": "", "path": f"dotnet-{kernel_id}", "type": "notebook"}
    status, answer = hub_request(url, token, "POST", "/api/sessions", body)
    print(f"# the request behind it: POST /api/sessions {json.dumps(body)}", flush=True)
    print(f"#   the hub answers {status} {json.dumps(answer)[:400]}", flush=True)
    if 200 <= status < 300 and isinstance(answer, dict) and answer.get("id"):
        hub_request(url, token, "DELETE", f"/api/sessions/{answer['id']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", required=True, help="the dotnet-interactive executable")
    parser.add_argument("--url", default=os.environ.get("HUB_URL"), help="the hub's base URL (default: $HUB_URL)")
    parser.add_argument("--token", default=os.environ.get("HUB_TOKEN"), help="an API token of the hub (default: $HUB_TOKEN)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds for all checks")
    parser.add_argument("--log", default=os.devnull, help="where to write what dotnet-interactive wrote")
    parser.add_argument("--workdir", default=os.getcwd(), help="dotnet-interactive's working directory")
    args = parser.parse_args()
    if not args.url or not args.token:
        parser.error("--url and --token (or HUB_URL and HUB_TOKEN) are required")

    deadline = time.monotonic() + args.timeout
    left = lambda cap: max(1.0, min(cap, deadline - time.monotonic()))

    with open(args.log, "w", encoding="utf-8") as log:
        start = time.monotonic()
        stdio = Stdio(args.tool, args.workdir, log, args.token)
        try:
            run_checks(stdio, args, start, left)
        except Exception as e:  # an unexpected error still ends with the counts
            not_ok("unexpected error", f"{type(e).__name__}: {e}")
        finally:
            stdio.close()
            for session_id in stdio.sessions:
                try:
                    status, _ = hub_request(args.url, args.token, "DELETE", f"/api/sessions/{session_id}")
                    print(f"# dotnet-interactive left its hub session running when it quit: DELETE /api/sessions/{session_id[:8]}... -> {status}", flush=True)
                except Exception as e:
                    print(f"# could not delete the session dotnet-interactive left: {type(e).__name__}: {e}", flush=True)
    print(f"# dotnet-interactive: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 and passed > 0 else 1


def run_checks(stdio, args, start, left):
    name = "dotnet-interactive stdio starts (KernelReady)"
    try:
        ready = stdio.wait_ready(left(120))
        kernels = [k.get("localName") for k in (ready.get("event") or {}).get("kernelInfos") or []]
        ok(f"{name} ({time.monotonic() - start:.2f} s; kernels {', '.join(k for k in kernels if k)})")
    except Exception as e:
        not_ok(name, f"{type(e).__name__}: {e}")
        return

    try:  # the sessions before: the one #!connect makes is the new one
        status, before = hub_request(args.url, args.token, "GET", "/api/sessions")
        before_ids = {s.get("id") for s in before} if status == 200 else set()
    except Exception:
        before_ids = set()
    connect = (f"#!connect jupyter --url {args.url} --token {args.token} "
               f"--kernel-name {PROXY_NAME} --kernel-spec {KERNEL_SPEC}")
    shown = connect.replace(args.token, "***")
    name = f"`{shown}` succeeds"
    try:
        succeeded, events, seconds, message = stdio.submit(connect, timeout=left(180))
    except Exception as e:
        not_ok(name, f"{type(e).__name__}: {e}")
        succeeded = False
    else:
        print(f"# #!connect jupyter took {seconds:.2f} s", flush=True)
        if succeeded:
            ok(f"{name} ({seconds:.2f} s)")
        else:
            not_ok(name, f"CommandFailed after {seconds:.2f} s: {first_line(message, 600)}")
            if "failed to start" in (message or ""):
                try:
                    explain_start_failure(args.url, args.token)
                except Exception as e:
                    print(f"# could not replay the session request: {type(e).__name__}: {e}", flush=True)
    if not succeeded:
        print("# skipped: the checks in the hub kernel (no #!connect)", flush=True)
        return

    name = "hub: GET /api/sessions lists the dotnet-interactive session on an aistudio-csharp kernel"
    try:
        status, sessions = hub_request(args.url, args.token, "GET", "/api/sessions")
        ours = [s for s in sessions if s.get("id") not in before_ids] if status == 200 else []
        if len(ours) == 1 and ours[0].get("path", "").startswith("dotnet-") and ours[0].get("kernel", {}).get("name") == KERNEL_SPEC:
            stdio.sessions.append(ours[0]["id"])
            ok(f"{name} (path {ours[0]['path'][:16]}..., kernel {ours[0]['kernel']['id'][:8]}, "
               f"{ours[0]['kernel'].get('connections')} connection(s))")
        else:
            not_ok(name, f"sessions: {json.dumps(sessions)[:600]}")
    except Exception as e:
        not_ok(name, f"{type(e).__name__}: {e}")

    cells = [
        ("#!hub: `Console.WriteLine(6 * 7);` writes 42",
         f"#!{PROXY_NAME}\nConsole.WriteLine(6 * 7);",
         lambda events: any(v.strip() == "42" for v in values(events, "StandardOutputValueProduced"))),
        ("#!hub: the expression `6 * 7` returns 42",
         f"#!{PROXY_NAME}\n6 * 7",
         lambda events: "42" in [v.strip() for v in values(events, "ReturnValueProduced")]),
        ("#!hub: the cell runs in aistudio-kernel (the hub's kernel, not a local one)",
         f"#!{PROXY_NAME}\nSystem.Reflection.Assembly.GetEntryAssembly()?.GetName().Name",
         lambda events: "aistudio-kernel" in [v.strip() for v in values(events, "ReturnValueProduced")]),
    ]
    run_cells(stdio, cells, left)


if __name__ == "__main__":
    sys.exit(main())
