"""`jupyter console --simple-prompt` on the AI Studio C# kernel, fed through stdin."""

import os
import re
import signal
import subprocess
import unittest

KERNEL_NAME = os.environ.get("AISTUDIO_KERNEL_NAME", "aistudio-csharp")
JUPYTER = os.environ.get("AISTUDIO_JUPYTER", "/usr/bin/jupyter")
LINES = os.environ.get(
    "AISTUDIO_CONSOLE_INPUT",
    'Console.WriteLine("hello, console");\n6*7\n',
)


class ConsoleTests(unittest.TestCase):
    def test_console_runs_lines_from_stdin(self):
        proc = subprocess.Popen(
            [JUPYTER, "console", "--kernel", KERNEL_NAME, "--simple-prompt", "--ZMQTerminalInteractiveShell.kernel_timeout=60",
             "--ZMQTerminalInteractiveShell.kernel_is_complete_timeout=30"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            out, _ = proc.communicate(LINES, timeout=180)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
            self.fail("jupyter console did not finish within 180 s; output:\n" + out)
        self.assertEqual(proc.returncode, 0, out)
        self.assertIn("hello, console", out)
        self.assertRegex(out, re.compile(r"Out\[2\]: 42\b"), out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
