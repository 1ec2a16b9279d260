"""Executes notebooks/smoke.ipynb with nbclient on the AI Studio C# kernel and checks its outputs.

The executed notebook (with outputs) is written to $AISTUDIO_TEST_OUTPUT (run-all.sh points it
at TestResults/, which git ignores) or to a temporary directory.
"""

import os
import tempfile
import unittest
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
KERNEL_NAME = os.environ.get("AISTUDIO_KERNEL_NAME", "aistudio-csharp")
NOTEBOOK = Path(os.environ.get("AISTUDIO_SMOKE_NOTEBOOK", HERE / "notebooks" / "smoke.ipynb"))


def text_of(output):
    if output["output_type"] == "stream":
        return output["text"]
    return output.get("data", {}).get("text/plain", "")


class NbclientSmokeTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        nb = nbformat.read(NOTEBOOK, as_version=4)
        workdir = tempfile.mkdtemp(prefix="aistudio-nbclient-")
        client = NotebookClient(
            nb,
            kernel_name=KERNEL_NAME,
            timeout=120,
            startup_timeout=120,
            resources={"metadata": {"path": workdir}},
        )
        cls.error = None
        try:
            client.execute()
        except Exception as e:  # keep the partly executed notebook for the report
            cls.error = e
        out_dir = Path(os.environ.get("AISTUDIO_TEST_OUTPUT") or workdir)
        out_dir.mkdir(parents=True, exist_ok=True)
        cls.executed_path = out_dir / ("executed-" + NOTEBOOK.name)
        nbformat.write(nb, cls.executed_path)
        print(f"\n[nbclient] executed notebook written to {cls.executed_path}")
        cls.nb = nb
        cls.cells = {c.get("id"): c for c in nb.cells}

    def outputs(self, cell_id):
        return self.cells[cell_id]["outputs"]

    def test_notebook_executes_without_error(self):
        self.assertIsNone(self.error, f"nbclient raised: {self.error!r}")
        errors = [o for c in self.nb.cells if c.cell_type == "code" for o in c.outputs if o["output_type"] == "error"]
        self.assertEqual(errors, [])

    def test_execution_counts_are_1_to_n(self):
        code_cells = [c for c in self.nb.cells if c.cell_type == "code"]
        self.assertEqual([c.execution_count for c in code_cells], list(range(1, len(code_cells) + 1)))

    def test_execute_result(self):
        outs = self.outputs("smoke-1")
        results = [o for o in outs if o["output_type"] == "execute_result"]
        self.assertEqual(len(results), 1, outs)
        self.assertEqual(results[0]["data"]["text/plain"], "42")
        self.assertEqual(results[0]["execution_count"], self.cells["smoke-1"].execution_count)

    def test_stream_output(self):
        outs = self.outputs("smoke-2")
        streams = [o for o in outs if o["output_type"] == "stream" and o["name"] == "stdout"]
        self.assertEqual("".join(o["text"] for o in streams), "hello from the notebook\n")

    def test_display_data(self):
        outs = self.outputs("smoke-3")
        displays = [o for o in outs if o["output_type"] == "display_data"]
        self.assertEqual(len(displays), 1, outs)
        self.assertIn("shown by display", displays[0]["data"]["text/plain"])

    def test_variable_carried_between_cells(self):
        self.assertEqual(self.outputs("smoke-5"), [])
        outs = self.outputs("smoke-6")
        self.assertEqual([o["output_type"] for o in outs], ["stream", "execute_result"], outs)
        self.assertEqual(text_of(outs[0]), "carried over\n")
        self.assertEqual(text_of(outs[1]), "42")


if __name__ == "__main__":
    unittest.main(verbosity=2)
