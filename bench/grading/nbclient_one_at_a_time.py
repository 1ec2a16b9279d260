"""The peer: executes each notebook one at a time with nbclient (what nbgrader's autograde does per submission)."""
import sys
import time

import nbformat
from nbclient import NotebookClient


def main(kernel_name, paths):
    started = time.monotonic()
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, kernel_name=kernel_name, timeout=120, allow_errors=True, startup_timeout=120)
        client.execute()
    print(f"{time.monotonic() - started:.2f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
