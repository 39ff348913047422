"""Running a test file in a separate Python process, and reading what happened.

Under pytest the counts come from its JUnit XML report; without pytest a small runner
collects unittest cases and plain ``test_*`` functions and prints its counts as JSON.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from conclave.errors import ToolFailed

TEST_TIMEOUT = 60.0
MESSAGE_CHARS = 300
_PASSED_ON = frozenset({"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TEMP", "TMP", "SYSTEMROOT"})
_EXCEPTION_LINE = re.compile(r"^[\w.]*(?:Error|Exception|Exit|Interrupt)\b")


@dataclass(slots=True)
class Outcome:
    """Counts and failures of one test run."""

    runner: str
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        ran = self.passed + self.failed + self.errors
        verdict = "PASS" if ran and not (self.failed or self.errors) else "FAIL"
        summary = f"{self.passed} passed, {self.failed} failed, {self.errors} errors"
        if not ran:
            summary = "no tests ran; write test functions named test_* that import solution"
        return {
            "verdict": verdict,
            "summary": summary,
            "passed": self.passed,
            "failed": self.failed,
            "errors": self.errors,
            "skipped": self.skipped,
            "runner": self.runner,
            "failures": self.failures,
        }


def pytest_available() -> bool:
    """Whether the interpreter that runs the tests has pytest."""
    return importlib.util.find_spec("pytest") is not None


def run_pytest(root: Path) -> Outcome:
    """Run ``test_solution.py`` in ``root`` under pytest and read its JUnit report."""
    # An empty pytest.ini makes the folder the root, so no project's settings leak in.
    (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    command = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "--junitxml=report.xml"]
    completed = run_python(root, [*command, "test_solution.py"], timeout=TEST_TIMEOUT)
    report = root / "report.xml"
    if not report.exists():
        raise ToolFailed(
            f"pytest could not run the tests: {tail(completed.stdout + completed.stderr)}",
            tool="run_tests",
        )
    return _read_junit(report)


def _read_junit(report: Path) -> Outcome:
    outcome = Outcome(runner="pytest")
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        problem = case.find("failure")
        error = case.find("error")
        if problem is not None:
            outcome.failed += 1
            outcome.failures.append(_failure_line(case, problem))
        elif error is not None:
            outcome.errors += 1
            outcome.failures.append(_failure_line(case, error))
        elif case.find("skipped") is not None:
            outcome.skipped += 1
        else:
            outcome.passed += 1
    return outcome


def _failure_line(case: ElementTree.Element, problem: ElementTree.Element) -> str:
    """``test_name: the error``: an exception line of pytest's ``E`` lines, else the first."""
    text = problem.text or ""
    explained = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    raised = [line for line in explained if _EXCEPTION_LINE.match(line)]
    message = (raised or explained or [problem.get("message") or text.strip()])[0]
    first = message.splitlines()[0] if message else "no message"
    return f"{case.get('name', '?')}: {first[:MESSAGE_CHARS]}"


# Collects unittest cases and plain test_* functions, so pytest-style tests run too.
_UNITTEST_RUNNER = """
import inspect, json, sys, traceback, unittest
sys.path.insert(0, ".")
def last(text):
    lines = [line for line in text.strip().splitlines() if line.strip(" ^~")] or ["no message"]
    if ":" not in lines[-1] and len(lines) > 1:  # a bare AssertionError: show the line
        return lines[-1] + " at " + lines[-2].strip()
    return lines[-1]
try:
    import test_solution as module
except BaseException:
    print(json.dumps({"passed": 0, "failed": 0, "errors": 1, "skipped": 0,
                      "failures": ["test_solution: " + last(traceback.format_exc())]}))
    sys.exit(0)
suite = unittest.defaultTestLoader.loadTestsFromModule(module)
for name, function in inspect.getmembers(module, inspect.isfunction):
    if name.startswith("test") and function.__module__ == module.__name__:
        suite.addTest(unittest.FunctionTestCase(function, description=name))
result = unittest.TestResult()
suite.run(result)
def named(test): return test.shortDescription() or test.id().rsplit(".", 1)[-1]
bad = len(result.failures) + len(result.errors)
print(json.dumps({
    "passed": result.testsRun - bad - len(result.skipped), "failed": len(result.failures),
    "errors": len(result.errors), "skipped": len(result.skipped),
    "failures": [named(t) + ": " + last(text) for t, text in result.failures + result.errors],
}))
"""


def run_unittest(root: Path) -> Outcome:
    """Run ``test_solution.py`` in ``root`` with the standard library's unittest."""
    completed = run_python(root, ["-c", _UNITTEST_RUNNER], timeout=TEST_TIMEOUT)
    try:
        counts = json.loads(completed.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise ToolFailed(
            f"unittest could not run the tests: {tail(completed.stderr)}", tool="run_tests"
        ) from None
    failures = [line[:MESSAGE_CHARS] for line in counts.pop("failures")]
    return Outcome(runner="unittest", failures=failures, **counts)


def run_python(
    root: Path, arguments: list[str], *, timeout: float
) -> subprocess.CompletedProcess[str]:
    """Run the current Python in ``root``, without the installed pytest plugins."""
    environment = {
        **clean_environment(),
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    try:
        return subprocess.run(
            [sys.executable, *arguments],
            cwd=root,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ToolFailed(
            f"stopped after {timeout:g}s; look for an endless loop or a call that waits "
            "for input or the network",
            tool="run_tests",
        ) from None


def clean_environment() -> dict[str, str]:
    """The few variables a child Python needs, so code under test never sees secrets such
    as API keys or database URLs. This is hygiene, not a sandbox: the code still runs with
    this process's rights."""
    return {key: value for key, value in os.environ.items() if key in _PASSED_ON}


def tail(text: str, lines: int = 5) -> str:
    """The last non-empty ``lines`` of a process's output, on one line."""
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return " | ".join(kept)[:MESSAGE_CHARS] or "no output"
