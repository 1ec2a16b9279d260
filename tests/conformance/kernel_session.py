"""Helpers shared by the conformance modules: start a warm kernel, run cells, read replies.

The kernel is found by name through the kernelspec search path; `run.sh` installs it
into a private JUPYTER_PATH. Override the name with AISTUDIO_KERNEL_NAME.
"""

import os
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL_NAME = os.environ.get("AISTUDIO_KERNEL_NAME", "aistudio-csharp")
STARTUP_TIMEOUT = float(os.environ.get("AISTUDIO_STARTUP_TIMEOUT", "60"))
# The first C# submission builds the scripting engine: give it room once, in setUpClass,
# so that jupyter_kernel_test's fixed 15 s per-request timeout measures the kernel, not Roslyn's warm-up.
WARMUP_TIMEOUT = float(os.environ.get("AISTUDIO_WARMUP_TIMEOUT", "120"))
TIMEOUT = 30


def drain_iopub(kc, msg_id, timeout=TIMEOUT):
    """IOPub messages whose parent is msg_id, up to and including its status: idle."""
    deadline = time.monotonic() + timeout
    msgs = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(
                f"no status: idle for {msg_id} within {timeout} s; got "
                f"{[m['msg_type'] for m in msgs]}"
            )
        try:
            msg = kc.get_iopub_msg(timeout=min(left, 1.0))
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return msgs


def reply_to(get, msg_id, timeout=TIMEOUT, channel="shell"):
    """The reply whose parent is msg_id, read with get (kc.get_shell_msg or kc.get_control_msg)."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"no {channel} reply to {msg_id} within {timeout} s")
        try:
            msg = get(timeout=min(left, 1.0))
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    return reply_to(kc.get_shell_msg, msg_id, timeout, "shell")


def control_reply(kc, msg_id, timeout=TIMEOUT):
    return reply_to(kc.get_control_msg, msg_id, timeout, "control")


def send_control(kc, msg_type, content=None):
    msg = kc.session.msg(msg_type, content or {})
    kc.control_channel.send(msg)
    return msg["header"]["msg_id"]


def run_cell(kc, code, timeout=TIMEOUT, **kwargs):
    """Execute code; return (execute_reply, iopub messages up to idle)."""
    msg_id = kc.execute(code, **kwargs)
    reply = shell_reply(kc, msg_id, timeout)
    msgs = drain_iopub(kc, msg_id, timeout)
    return reply, msgs


def stream_text(msgs, name="stdout"):
    return "".join(
        m["content"]["text"]
        for m in msgs
        if m["msg_type"] == "stream" and m["content"]["name"] == name
    )


def flush(kc):
    for get in (kc.get_shell_msg, kc.get_iopub_msg, kc.get_stdin_msg, kc.get_control_msg):
        for _ in range(10000):
            try:
                get(timeout=0.05)
            except Empty:
                break


def start_warm_kernel(kernel_name, warmup):
    """Start a kernel and run a first cell, so the library's fixed per-request limit isn't spent compiling C# cold.
    store_history=False keeps the history and execution counts of the tests untouched."""
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=STARTUP_TIMEOUT)
    if warmup:
        try:
            run_cell(kc, warmup, timeout=WARMUP_TIMEOUT, store_history=False)
        except Exception:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
            raise
    flush(kc)
    return km, kc
