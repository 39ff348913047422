"""Software-delivery tools: run tests, lint, deploy locally and check a deployment.

Tests and smoke imports run in a separate Python process with a timeout, so code under
test can neither crash nor hang the agent that asked. Deployments are files in a local
folder (``$CONCLAVE_DATA_DIR/deployments``), versioned by content hash, with a manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Literal

from conclave.engine.tools import tool
from conclave.errors import ToolFailed
from conclave.templates.tools._lint import find_issues
from conclave.templates.tools._paths import BUNDLED_DATA, data_dir, write_json, write_text
from conclave.templates.tools._testrun import (
    TEST_TIMEOUT,
    clean_environment,
    pytest_available,
    run_pytest,
    run_unittest,
    tail,
)

SMOKE_TIMEOUT = 30.0
_EXAMPLE = BUNDLED_DATA / "example"
_FENCE = re.compile(r"```[ \t]*(?:python3?|py)?[ \t]*\n(.*?)```", re.S | re.I)
_TEST_CODE = re.compile(r"^\s*(?:async\s+)?def\s+test_|^\s*class\s+Test", re.M)
_ARTEFACT_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_deploy_lock = threading.Lock()


@tool(idempotent=True, timeout=TEST_TIMEOUT + 15)
def run_tests(code: str, tests: str) -> dict[str, Any]:
    """Run unit tests against Python code: the code becomes the module solution and the
    tests test_solution.py (so they import with "from solution import ..."), run by pytest
    for at most 60 seconds. Returns the verdict (PASS when at least one test ran and none
    failed, else FAIL), the counts, and each failure with its first error line.

    The run happens in a fresh temporary folder and a separate Python process that sees
    none of this process's secrets, under unittest (which also collects plain test_*
    functions) when pytest is not installed. It is not a sandbox: the code runs with this
    process's rights, so run only code you would run yourself.
    """
    with tempfile.TemporaryDirectory(prefix="conclave-tests-") as folder:
        root = Path(folder)
        (root / "solution.py").write_text(unfence(code), encoding="utf-8")
        (root / "test_solution.py").write_text(unfence(tests), encoding="utf-8")
        outcome = run_pytest(root) if pytest_available() else run_unittest(root)
    return outcome.report()


def unfence(code: str) -> str:
    """Code without the Markdown fence a model may have wrapped it in."""
    match = _FENCE.search(code)
    return str(match.group(1)) if match and code.lstrip().startswith("```") else code


@tool(idempotent=True, timeout=10)
def lint_python(code: str) -> dict[str, Any]:
    """Check Python code without running it for syntax errors, undefined names, unused
    imports and bare except clauses. Returns whether it is clean and one line per issue,
    such as "3:5 F821 undefined name 'totl'" (line, column, code, message).
    """
    code = unfence(code)
    issues = sorted(find_issues(code))
    return {
        "clean": not issues,
        "issue_count": len(issues),
        "issues": [f"{line}:{column} {message}" for line, column, message in issues],
    }


@tool(idempotent=True, timeout=10)
def extract_code(text: str, part: Literal["solution", "tests"] = "solution") -> str:
    """Take the module (part "solution") or its tests (part "tests") out of the fenced
    Python code blocks of a reply. Without a module in the reply, returns the bundled
    example module or its tests instead; with a module but no tests, returns a test that
    only imports it. The first line of such a fallback is a comment that says so.

    A block that defines test_ functions or Test classes is a test block; the first other
    block is the module.
    """
    blocks = [str(block).strip() + "\n" for block in _FENCE.findall(text)]
    code = [block for block in blocks if not _TEST_CODE.search(block)]
    tests = [block for block in blocks if _TEST_CODE.search(block)]
    if not code:
        return _bundled(part)
    if part == "solution":
        return code[0]
    if tests:
        return tests[0]
    return (
        "# The reply held code but no tests: this test only checks that it imports.\n"
        "import solution\n\n\ndef test_solution_imports():\n    assert solution.__name__\n"
    )


def _bundled(part: str) -> str:
    what = "example solution" if part == "solution" else "example tests"
    path = _EXAMPLE / ("solution.py" if part == "solution" else "test_solution.py")
    note = f"# Bundled {what}: the reply held no fenced Python code block of its own.\n"
    return note + path.read_text(encoding="utf-8")


def deployments_dir() -> Path:
    """Where artefacts are deployed: ``deployments`` under the data folder."""
    return data_dir() / "deployments"


@tool(idempotent=True, timeout=30, tags=["deployment"])
def deploy_artifact(name: str, code: str, version: str = "") -> dict[str, Any]:
    """Deploy Python code as the module named name in the local deployment folder, under a
    version (by default the first 12 hex digits of the code's SHA-256) recorded in a
    manifest with the earlier versions. The code must compile; deploying the same code and
    version again changes nothing.

    The folder is ``deployments`` under ``$CONCLAVE_DATA_DIR`` (default ``.conclave``).
    """
    _check_artefact_name(name, "deploy_artifact")
    code = unfence(code)
    _check_compiles(code)
    digest = hashlib.sha256(code.encode("utf-8")).hexdigest()
    version = version.strip() or digest[:12]
    if not _VERSION.match(version):
        raise ToolFailed(
            f"version {version!r} is not usable; use letters, digits, '.', '_' and '-'",
            tool="deploy_artifact",
        )
    with _deploy_lock:
        return _deploy(name, code, version, digest)


def _deploy(name: str, code: str, version: str, digest: str) -> dict[str, Any]:
    folder = deployments_dir() / name
    manifest = _read_manifest(folder)
    if manifest and (manifest["version"], manifest["sha256"]) == (version, digest):
        return _deployed("unchanged", folder, manifest)
    history = [*manifest.get("history", []), _entry(manifest)] if manifest else []
    if any(old["version"] == version and old["sha256"] != digest for old in history):
        raise ToolFailed(
            f"version {version!r} of {name!r} was deployed with other code; give a new "
            "version, or leave it empty to version by content hash",
            tool="deploy_artifact",
        )
    relative = f"{version}/{name}.py"
    write_text(folder / relative, code)
    manifest = {
        "name": name,
        "version": version,
        "sha256": digest,
        "file": relative,
        "lines": code.count("\n") + (0 if code.endswith("\n") else 1),
        "deployed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "history": history,
    }
    write_json(folder / "manifest.json", manifest)
    return _deployed("deployed", folder, manifest)


def _entry(manifest: dict[str, Any]) -> dict[str, Any]:
    return {key: manifest[key] for key in ("version", "sha256", "file", "deployed_at")}


def _deployed(status: str, folder: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    history = manifest["history"]
    return {
        "status": status,
        "name": manifest["name"],
        "version": manifest["version"],
        "sha256": manifest["sha256"],
        "path": str(folder / manifest["file"]),
        "previous_version": history[-1]["version"] if history else None,
    }


def _check_artefact_name(name: str, tool_name: str) -> None:
    if not _ARTEFACT_NAME.match(name):
        raise ToolFailed(
            f"artefact name {name!r} is not a module name; use lower-case letters, digits "
            "and '_', starting with a letter, such as 'pricing_service'",
            tool=tool_name,
        )


def _check_compiles(code: str) -> None:
    try:
        compile(code, "artefact.py", "exec", dont_inherit=True)
    except SyntaxError as error:
        raise ToolFailed(
            f"the code does not compile (line {error.lineno}: {error.msg}); fix it and "
            "run the tests before deploying",
            tool="deploy_artifact",
        ) from None


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / "manifest.json"
    if not path.exists():
        return None
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        raise ToolFailed(
            f"the manifest {path} is not valid JSON; deploy the artefact again to rewrite it",
            tool="deploy_artifact",
        ) from None
    return manifest


# Imports the artefact by path and lists what it defines, as JSON on the last line.
_SMOKE = """
import importlib.util, json, sys
path, name = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location(name, path)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps(sorted(key for key, value in vars(module).items()
                        if not key.startswith("_") and getattr(value, "__module__", "") == name)))
"""


@tool(idempotent=True, timeout=SMOKE_TIMEOUT + 15)
def check_deployment(name: str) -> dict[str, Any]:
    """Check a deployed module: that its file still matches the SHA-256 in its manifest,
    and that it imports in a fresh Python process. Returns HEALTHY or UNHEALTHY, the
    version, the public functions and classes it defines, and any problems.
    """
    _check_artefact_name(name, "check_deployment")
    folder = deployments_dir() / name
    manifest = _read_manifest(folder)
    if manifest is None:
        raise ToolFailed(
            f"no deployment named {name!r} in {folder.parent}; deploy it first with "
            "deploy_artifact",
            tool="check_deployment",
        )
    path = folder / manifest["file"]
    problems = _hash_problems(path, manifest["sha256"])
    public: list[str] = []
    imports: bool | None = None  # not tried when the file is not the one deployed
    if not problems:
        public, failure = _smoke_import(path, name)
        imports = failure is None
        problems += [failure] if failure else []
    return {
        "status": "UNHEALTHY" if problems else "HEALTHY",
        "name": name,
        "version": manifest["version"],
        "hash_matches": imports is not None,
        "imports": imports,
        "public_names": public,
        "problems": problems,
    }


def _hash_problems(path: Path, expected: str) -> list[str]:
    if not path.exists():
        return [f"the artefact file {path} is missing; deploy it again"]
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != expected:
        return [f"content hash {actual[:12]} differs from the manifest's {expected[:12]}"]
    return []


def _smoke_import(path: Path, name: str) -> tuple[list[str], str | None]:
    try:
        completed = subprocess.run(
            [sys.executable, "-I", "-B", "-c", _SMOKE, str(path), name],
            cwd=path.parent,
            env=clean_environment(),
            capture_output=True,
            text=True,
            timeout=SMOKE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [], f"importing took longer than {SMOKE_TIMEOUT:g}s"
    if completed.returncode != 0:
        return [], f"import failed: {tail(completed.stderr, 1)}"
    names: list[str] = json.loads(completed.stdout.strip().splitlines()[-1])
    return names, None
