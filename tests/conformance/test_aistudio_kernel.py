"""Jupyter conformance tests for the AI Studio C# kernel.

`AIStudioKernelTests` fills in every sample that Debian's jupyter_kernel_test 0.4.5
(`KernelTests`) knows about, and adds a few protocol checks of its own (control
channel, display ids, stdin, silent execution, code-point cursors, comm_info).
The destructive checks (interrupt, shutdown) are in test_kernel_lifecycle.py, on a kernel of their own.

The protocol checks beyond jupyter_kernel_test take their code from class
attributes (`code_*`), so the same checks can be pointed at another kernel.
"""

import time
from queue import Empty

import jupyter_kernel_test
from jupyter_kernel_test.msgspec_v5 import validate_message

from kernel_session import (KERNEL_NAME, TIMEOUT, drain_iopub, shell_reply, control_reply, send_control, run_cell, stream_text, flush, start_warm_kernel)


class AIStudioKernelTests(jupyter_kernel_test.KernelTests):
    # -- jupyter_kernel_test 0.4.5 attributes -------------------------------------------
    kernel_name = KERNEL_NAME
    language_name = "csharp"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("oops, on stderr");'

    # test_completion compares set(reply.matches) == set(sample.matches) exactly.
    completion_samples = [
        {"text": "Console.Wri", "matches": {"Write", "WriteLine"}},
        {"text": "Console.ReadL", "matches": {"ReadLine"}},
        {"text": "System.Console.Wri", "matches": {"Write", "WriteLine"}},
        {"text": "var s = \"abc\"; s.ToUpperInv", "matches": {"ToUpperInvariant"}},
    ]

    complete_code_samples = [
        "var x = 1;",
        'Console.WriteLine("hi");',
        "6*7",
        "if (true) { }",
        "int Add(int a, int b) => a + b;",
        "class C { }",
    ]
    incomplete_code_samples = [
        "if (true) {",
        "Console.WriteLine(",
        "int Add(int a, int b) {",
        "var xs = new[] { 1, 2,",
        "class C {",
    ]
    invalid_code_samples = [
        "int 1x = 2;",
        "var x = );",
    ]

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "1+2", "result": "3"},
    ]
    code_display_data = [
        {"code": 'display("hi");', "mime": "text/plain"},
    ]

    # history: code_history_pattern must match one of code_execute_result's codes (a glob in IPython).
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6*7"

    code_inspect_sample = "Console.WriteLine"
    code_clear_output = "ClearOutput();"
    code_page_something = 'Page("hello");'
    code_generate_error = 'throw new Exception("boom");'

    # -- attributes of this file's own checks ---------------------------------------------
    code_warmup = "1+1"
    code_update_display = 'var h = display("first"); h.Update("second");'
    update_display_first = "first"
    update_display_second = "second"
    code_read_line = 'var line = Console.ReadLine(); Console.WriteLine("got:" + line);'
    code_define_variable = "var conformanceCounter = 41;"
    code_use_variable = "conformanceCounter + 1"
    code_use_variable_result = "42"
    # a non-BMP character before the completion point: cursor positions are in code points
    code_points_prefix = 'var emoji = "\U0001F600"; '
    code_points_complete = "Console.Wri"
    code_points_match = "WriteLine"
    # an expression with an error reply followed by a healthy one
    code_after_error = "2*21"

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_warm_kernel(cls.kernel_name, cls.code_warmup)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        try:
            cls.km.shutdown_kernel(now=False)
        except Exception:
            cls.km.shutdown_kernel(now=True)

    # -- checks beyond jupyter_kernel_test ------------------------------------------------
    def test_kernel_info_on_control(self):
        flush(self.kc)
        msg_id = send_control(self.kc, "kernel_info_request")
        reply = control_reply(self.kc, msg_id)
        validate_message(reply, "kernel_info_reply", msg_id)
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        self.assertRegex(content["protocol_version"], r"^5\.\d+")
        self.assertEqual(content["language_info"]["name"], self.language_name)

    def test_kernel_info_fields(self):
        flush(self.kc)
        msg_id = self.kc.kernel_info()
        reply = shell_reply(self.kc, msg_id)
        validate_message(reply, "kernel_info_reply", msg_id)
        content = reply["content"]
        self.assertTrue(content["implementation"])
        self.assertTrue(content["implementation_version"])
        info = content["language_info"]
        self.assertTrue(info.get("version"), "language_info.version is empty")
        self.assertTrue(info.get("mimetype"), "language_info.mimetype is empty")
        # the header's version is the protocol version the kernel speaks
        self.assertEqual(reply["header"]["version"], content["protocol_version"])

    def test_execution_count_and_execute_input(self):
        flush(self.kc)
        reply1, msgs1 = run_cell(self.kc, self.code_execute_result[0]["code"])
        reply2, msgs2 = run_cell(self.kc, self.code_execute_result[0]["code"])
        n1 = reply1["content"]["execution_count"]
        n2 = reply2["content"]["execution_count"]
        self.assertEqual(n2, n1 + 1, "execution_count did not increase by one")
        for n, msgs in ((n1, msgs1), (n2, msgs2)):
            types = [m["msg_type"] for m in msgs]
            self.assertEqual(types[-1], "status")
            inputs = [m for m in msgs if m["msg_type"] == "execute_input"]
            self.assertEqual(len(inputs), 1, f"expected one execute_input, got {types}")
            self.assertEqual(inputs[0]["content"]["execution_count"], n)
            results = [m for m in msgs if m["msg_type"] == "execute_result"]
            self.assertEqual(len(results), 1, f"expected one execute_result, got {types}")
            self.assertEqual(results[0]["content"]["execution_count"], n)

    def test_status_busy_idle_around_requests(self):
        flush(self.kc)
        msg_id = self.kc.is_complete(self.complete_code_samples[0])
        shell_reply(self.kc, msg_id)
        msgs = drain_iopub(self.kc, msg_id)
        states = [m["content"]["execution_state"] for m in msgs if m["msg_type"] == "status"]
        self.assertEqual(states, ["busy", "idle"])

    def test_silent_execution(self):
        flush(self.kc)
        _, _ = run_cell(self.kc, self.code_execute_result[0]["code"])
        before = run_cell(self.kc, self.code_execute_result[0]["code"])[0]["content"]["execution_count"]
        reply, msgs = run_cell(self.kc, self.code_execute_result[0]["code"], silent=True)
        self.assertEqual(reply["content"]["status"], "ok")
        types = [m["msg_type"] for m in msgs]
        self.assertNotIn("execute_input", types, "silent execution broadcast execute_input")
        self.assertNotIn("execute_result", types, "silent execution broadcast execute_result")
        after = run_cell(self.kc, self.code_execute_result[0]["code"])[0]["content"]["execution_count"]
        self.assertEqual(after, before + 1, "silent execution changed execution_count")

    def test_variables_persist_between_cells(self):
        flush(self.kc)
        reply, _ = run_cell(self.kc, self.code_define_variable)
        self.assertEqual(reply["content"]["status"], "ok")
        reply, msgs = run_cell(self.kc, self.code_use_variable)
        self.assertEqual(reply["content"]["status"], "ok")
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1)
        self.assertEqual(results[0]["content"]["data"]["text/plain"], self.code_use_variable_result)

    def test_error_content_and_recovery(self):
        flush(self.kc)
        reply, msgs = run_cell(self.kc, self.code_generate_error)
        self.assertEqual(reply["content"]["status"], "error")
        for key in ("ename", "evalue", "traceback"):
            self.assertIn(key, reply["content"])
        errors = [m for m in msgs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertIn("boom", errors[0]["content"]["evalue"])
        self.assertIsInstance(errors[0]["content"]["traceback"], list)
        reply, msgs = run_cell(self.kc, self.code_after_error)
        self.assertEqual(reply["content"]["status"], "ok", "kernel did not recover after an error")
        self.assertEqual(
            [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"],
            ["42"],
        )

    def test_update_display_data(self):
        flush(self.kc)
        reply, msgs = run_cell(self.kc, self.code_update_display)
        self.assertEqual(reply["content"]["status"], "ok")
        types = [m["msg_type"] for m in msgs]
        displays = [m for m in msgs if m["msg_type"] == "display_data"]
        updates = [m for m in msgs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(displays), 1, f"expected one display_data, got {types}")
        self.assertEqual(len(updates), 1, f"expected one update_display_data, got {types}")
        for m in displays + updates:
            validate_message(m, m["msg_type"])
        display_id = displays[0]["content"].get("transient", {}).get("display_id")
        self.assertTrue(display_id, "display_data has no transient.display_id")
        self.assertEqual(updates[0]["content"].get("transient", {}).get("display_id"), display_id)
        self.assertIn(self.update_display_first, displays[0]["content"]["data"]["text/plain"])
        self.assertIn(self.update_display_second, updates[0]["content"]["data"]["text/plain"])

    def test_stdin_input_request(self):
        flush(self.kc)
        msg_id = self.kc.execute(self.code_read_line, allow_stdin=True)
        request = None
        deadline = time.monotonic() + TIMEOUT
        while request is None and time.monotonic() < deadline:
            try:
                msg = self.kc.get_stdin_msg(timeout=1)
            except Empty:
                continue
            if msg["msg_type"] == "input_request":
                request = msg
        self.assertIsNotNone(request, "no input_request on the stdin channel")
        self.assertEqual(request["parent_header"]["msg_id"], msg_id)
        self.assertIn("password", request["content"])
        self.kc.input("conformance-answer")
        reply = shell_reply(self.kc, msg_id)
        msgs = drain_iopub(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("got:conformance-answer", stream_text(msgs))

    def test_complete_cursor_in_code_points(self):
        flush(self.kc)
        code = self.code_points_prefix + self.code_points_complete
        msg_id = self.kc.complete(code, cursor_pos=len(code))  # len() counts code points
        reply = shell_reply(self.kc, msg_id)
        validate_message(reply, "complete_reply", msg_id)
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        self.assertEqual(content["cursor_end"], len(code))
        word_start = len(code) - len(self.code_points_complete.rsplit(".", 1)[-1])
        self.assertEqual(content["cursor_start"], word_start)
        self.assertIn(self.code_points_match, content["matches"])

    def test_is_complete_indent(self):
        flush(self.kc)
        msg_id = self.kc.is_complete(self.incomplete_code_samples[0])
        reply = shell_reply(self.kc, msg_id)
        validate_message(reply, "is_complete_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "incomplete")
        self.assertIsInstance(reply["content"].get("indent"), str, "incomplete reply without indent")

    def test_comm_info(self):
        flush(self.kc)
        msg_id = self.kc.comm_info()
        reply = shell_reply(self.kc, msg_id)
        validate_message(reply, "comm_info_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIsInstance(reply["content"]["comms"], dict)
