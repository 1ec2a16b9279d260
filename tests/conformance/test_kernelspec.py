"""The kernelspec written by `aistudio-kernel install --prefix DIR` (run.sh installs it privately)."""

import os
import unittest
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

KERNEL_NAME = os.environ.get("AISTUDIO_KERNEL_NAME", "aistudio-csharp")


class KernelspecTests(unittest.TestCase):
    def test_install_command_succeeded(self):
        status = os.environ.get("AISTUDIO_KERNELSPEC_INSTALL", "")
        if not status:
            raise unittest.SkipTest("not started by run.sh")
        self.assertEqual(status, "ok", f"aistudio-kernel install --prefix: {status}")

    def test_kernelspec_fields(self):
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        self.assertEqual(spec.language, "csharp")
        self.assertEqual(spec.interrupt_mode, "message")
        self.assertIn("{connection_file}", spec.argv)
        self.assertTrue(spec.display_name)
        prefix = os.environ.get("AISTUDIO_KERNELSPEC_PREFIX")
        if prefix:  # found in the private prefix, not in a user's or the system's directories
            self.assertTrue(
                Path(spec.resource_dir).resolve().is_relative_to(Path(prefix).resolve()),
                f"kernelspec found at {spec.resource_dir}, outside {prefix}",
            )


if __name__ == "__main__":
    unittest.main(verbosity=2)
