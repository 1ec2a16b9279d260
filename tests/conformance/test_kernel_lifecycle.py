"""Destructive checks on a kernel of their own: interrupt (Thread.Sleep, a busy loop) and shutdown.
A wedged kernel here cannot take the other conformance tests with it."""

import time
import unittest
from queue import Empty

from jupyter_kernel_test.msgspec_v5 import validate_message

from kernel_session import (KERNEL_NAME, TIMEOUT, drain_iopub, shell_reply, control_reply, send_control, run_cell, flush, start_warm_kernel)


class AIStudioKernelLifecycleTests(unittest.TestCase):
    """Interrupt and shutdown, on a kernel of their own."""

    kernel_name = KERNEL_NAME
    code_warmup = "1+1"
    code_sleep = "System.Threading.Thread.Sleep(30000);"
    code_busy_loop = "while (true) { }"
    code_alive = "6*7"
    alive_result = "42"
    interrupt_deadline = 5.0

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_warm_kernel(cls.kernel_name, cls.code_warmup)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        if cls.km.is_alive():
            cls.km.shutdown_kernel(now=True)

    def assert_alive(self):
        reply, msgs = run_cell(self.kc, self.code_alive)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(
            [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"],
            [self.alive_result],
        )

    def interrupt_cell(self, code):
        flush(self.kc)
        msg_id = self.kc.execute(code)
        # wait until the cell is running
        deadline = time.monotonic() + TIMEOUT
        started = False
        while not started and time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=1)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                started = True
        self.assertTrue(started, "cell never started")
        time.sleep(0.5)
        sent = time.monotonic()
        interrupt_id = send_control(self.kc, "interrupt_request")
        interrupt = control_reply(self.kc, interrupt_id, timeout=self.interrupt_deadline)
        validate_message(interrupt, "interrupt_reply", interrupt_id)
        reply = shell_reply(self.kc, msg_id, timeout=self.interrupt_deadline)
        elapsed = time.monotonic() - sent
        drain_iopub(self.kc, msg_id)
        self.assertIn(reply["content"]["status"], ("error", "abort"))
        self.assertLess(elapsed, self.interrupt_deadline)
        self.assertTrue(self.km.is_alive(), "the kernel process died on interrupt")
        self.assert_alive()

    def test_1_interrupt_sleep(self):
        self.interrupt_cell(self.code_sleep)

    def test_2_interrupt_busy_loop(self):
        self.interrupt_cell(self.code_busy_loop)

    def test_3_shutdown(self):
        flush(self.kc)
        msg_id = self.kc.shutdown()
        reply = control_reply(self.kc, msg_id)
        validate_message(reply, "shutdown_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertFalse(reply["content"]["restart"])
        deadline = time.monotonic() + 10
        while self.km.is_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertFalse(self.km.is_alive(), "the kernel process did not exit within 10 s of shutdown_request")


if __name__ == "__main__":
    unittest.main(verbosity=2)
