"""Runs the conformance test modules with unittest and prints a parseable summary.

    /usr/bin/python3 run_tests.py [module ...]     (default: every test_*.py next to this file)

Each test method counts once: passed, failed (a failure or error, in the test or any of its
subtests, or in its class's setUpClass) or skipped. The summary line is
`conformance: N passed, N failed, N skipped`; the exit code is 1 if anything failed or nothing passed. A JSON summary goes to $AISTUDIO_TEST_OUTPUT/conformance.json when set.
"""

import json
import os
import sys
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def test_ids(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from test_ids(item)
        else:
            yield item.id()


class CountingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome = {}  # test id -> "passed" | "failed" | "skipped"
        self.messages = {}  # test id -> [failure text]
        self.class_errors = []  # (class id, text) from setUpClass/tearDownClass
        self.started = {}
        self.durations = {}

    def _fail(self, test, err):
        self.outcome[test.id()] = "failed"
        self.messages.setdefault(test.id(), []).append(self._exc_info_to_string(err, test) if err else "")

    def startTest(self, test):
        self.started[test.id()] = time.monotonic()
        super().startTest(test)

    def stopTest(self, test):
        self.durations[test.id()] = time.monotonic() - self.started.get(test.id(), time.monotonic())
        super().stopTest(test)

    def addSuccess(self, test):
        super().addSuccess(test)
        self.outcome.setdefault(test.id(), "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        if isinstance(test, unittest.suite._ErrorHolder):
            # setUpClass / tearDownClass / module import failures
            self.class_errors.append((test.id(), "".join(__import__("traceback").format_exception(*err))))
        else:
            self._fail(test, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.outcome.setdefault(test.id(), "skipped")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is None:
            return
        if issubclass(err[0], unittest.SkipTest):
            return
        self.outcome[test.id()] = "failed"
        self.messages.setdefault(test.id(), []).append(
            f"{subtest.id()}:\n" + self._exc_info_to_string(err, test)
        )

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.outcome.setdefault(test.id(), "passed")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.outcome[test.id()] = "failed"


def main(argv):
    loader = unittest.TestLoader()
    names = argv or sorted(p.stem for p in HERE.glob("test_*.py"))
    suite = unittest.TestSuite()
    for name in names:
        suite.addTests(loader.loadTestsFromName(name))
    all_ids = list(test_ids(suite))

    runner = unittest.TextTestRunner(verbosity=2, resultclass=CountingResult, stream=sys.stdout)
    result = runner.run(suite)

    # A test that never reported (its class's setUpClass failed) counts as failed.
    used = set()
    for test_id in all_ids:
        if test_id not in result.outcome:
            cls = test_id.rsplit(".", 1)[0]
            owner = next((c for c, _ in result.class_errors if f"({cls})" in c), None)
            if owner:
                used.add(owner)
            result.outcome[test_id] = "failed"
            result.messages.setdefault(test_id, []).append(
                dict(result.class_errors).get(owner, "test did not run"))
    # Any other class or module error (tearDownClass, import) counts as one failed test of its own.
    for cid, text in result.class_errors:
        if cid not in used:
            result.outcome[cid] = "failed"
            result.messages.setdefault(cid, []).append(text)

    counts = {k: sum(1 for v in result.outcome.values() if v == k) for k in ("passed", "failed", "skipped")}
    print("\n=== conformance summary ===")
    for test_id in sorted(result.outcome):
        print(f"{result.outcome[test_id].upper():8} {test_id} ({result.durations.get(test_id, 0):.2f} s)")
    for test_id in sorted(t for t, v in result.outcome.items() if v == "failed"):
        first = result.messages.get(test_id, [""])
        last_lines = "\n".join("    " + l for l in "\n".join(first).strip().splitlines()[-6:])
        print(f"--- FAILED {test_id}\n{last_lines}")

    out_dir = os.environ.get("AISTUDIO_TEST_OUTPUT")
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        with open(Path(out_dir) / "conformance.json", "w") as f:
            json.dump({"counts": counts, "outcome": result.outcome, "messages": result.messages}, f, indent=1)

    print(f"conformance: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped", flush=True)
    return 1 if counts["failed"] or not counts["passed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
