from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conclave.templates.tools import _testrun, software
from conclave.templates.tools.software import (
    check_deployment,
    deploy_artifact,
    extract_code,
    lint_python,
    run_tests,
)

ADD = "def add(a, b):\n    return a + b\n"
ADD_TESTS = (
    "from solution import add\n\n\n"
    "def test_adds():\n    assert add(2, 3) == 5\n\n\n"
    "def test_adds_negatives():\n    assert add(-2, -3) == -5\n"
)
WRONG_ADD = "def add(a, b):\n    return a - b\n"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCLAVE_DATA_DIR", str(tmp_path))


async def test_run_tests_reports_every_test_passing() -> None:
    result = await run_tests(code=ADD, tests=ADD_TESTS)
    assert result == {
        "verdict": "PASS",
        "summary": "2 passed, 0 failed, 0 errors",
        "passed": 2,
        "failed": 0,
        "errors": 0,
        "skipped": 0,
        "runner": "pytest",
        "failures": [],
    }


async def test_run_tests_names_each_failure_with_its_assertion() -> None:
    result = await run_tests(code=WRONG_ADD, tests=ADD_TESTS)
    assert (result["verdict"], result["passed"], result["failed"]) == ("FAIL", 0, 2)
    assert result["failures"] == [
        "test_adds: assert -1 == 5",
        "test_adds_negatives: assert 1 == -5",
    ]


async def test_run_tests_counts_code_that_does_not_import_as_an_error() -> None:
    result = await run_tests(code="def add(a, b:\n", tests=ADD_TESTS)
    assert (result["verdict"], result["errors"]) == ("FAIL", 1)
    assert result["failures"] == ["test_solution: SyntaxError: '(' was never closed"]


async def test_run_tests_fails_when_no_test_ran() -> None:
    result = await run_tests(code=ADD, tests="x = 1\n")
    assert result["verdict"] == "FAIL"
    assert result["summary"].startswith("no tests ran")


async def test_run_tests_takes_code_out_of_a_markdown_fence() -> None:
    result = await run_tests(code=f"```python\n{ADD}```", tests=f"```\n{ADD_TESTS}```")
    assert result["passed"] == 2


async def test_run_tests_falls_back_to_unittest_without_pytest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(software, "pytest_available", lambda: False)
    result = await run_tests(code=WRONG_ADD, tests=ADD_TESTS)
    assert (result["runner"], result["passed"], result["failed"]) == ("unittest", 0, 2)
    assert result["failures"][0] == "test_adds: AssertionError at assert add(2, 3) == 5"


async def test_run_tests_fallback_runs_unittest_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(software, "pytest_available", lambda: False)
    tests = (
        "import unittest\nfrom solution import add\n\n\n"
        "class AddTest(unittest.TestCase):\n"
        "    def test_adds(self):\n        self.assertEqual(add(1, 1), 2)\n"
    )
    result = await run_tests(code=ADD, tests=tests)
    assert (result["verdict"], result["passed"]) == ("PASS", 1)


async def test_run_tests_hides_this_process_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCLAVE_TEST_SECRET", "hunter2")
    tests = (
        "import os\n\n\n"
        "def test_sees_no_secret():\n    assert 'CONCLAVE_TEST_SECRET' not in os.environ\n"
    )
    assert (await run_tests(code=ADD, tests=tests))["verdict"] == "PASS"


@pytest.mark.slow
async def test_run_tests_stops_code_that_never_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_testrun, "TEST_TIMEOUT", 0.5)
    result = await run_tests.run({"code": "while True:\n    pass\n", "tests": ADD_TESTS})
    assert result.is_error
    assert "stopped after 0.5s; look for an endless loop" in result.content


async def test_lint_python_passes_clean_code() -> None:
    assert await lint_python(code=ADD) == {"clean": True, "issue_count": 0, "issues": []}


async def test_lint_python_finds_undefined_names_unused_imports_and_bare_excepts() -> None:
    code = (
        "import os, sys\n"
        "from json import loads as parse\n\n"
        "def total(values):\n"
        "    try:\n"
        "        return totl + sum(values)\n"
        "    except:\n"
        "        return sys.maxsize\n"
    )
    result = await lint_python(code=code)
    assert result["issues"] == [
        "1:1 F401 'os' imported but unused",
        "2:1 F401 'loads as parse' imported but unused",
        "6:16 F821 undefined name 'totl'",
        "7:5 E722 bare except; catch a specific exception",
    ]


async def test_lint_python_knows_globals_set_in_functions_and_names_in_all() -> None:
    code = (
        "import json\n__all__ = ['json']\n\n"
        "def setup():\n    global CONFIG\n    CONFIG = {}\n\n"
        "def read():\n    return CONFIG, [x for x in range(3)], __name__\n"
    )
    assert (await lint_python(code=code))["clean"]


async def test_lint_python_reports_a_syntax_error_alone() -> None:
    result = await lint_python(code="def broken(:\n    pass\n")
    assert result["issues"] == ["1:12 E999 syntax error: invalid syntax"]


async def test_lint_python_catches_errors_only_the_compiler_sees() -> None:
    result = await lint_python(code="return 1\n")
    assert result["issues"] == ["1:1 E999 syntax error: 'return' outside function"]


async def test_extract_code_separates_the_module_from_its_tests() -> None:
    reply = f"Here it is:\n```python\n{ADD}```\nand the tests:\n```python\n{ADD_TESTS}```\n"
    assert await extract_code(text=reply) == ADD
    assert await extract_code(text=reply, part="tests") == ADD_TESTS


async def test_extract_code_falls_back_to_the_bundled_example_and_says_so() -> None:
    code = await extract_code(text="An outline, but no code.")
    tests = await extract_code(text="An outline, but no code.", part="tests")
    assert code.startswith("# Bundled example solution: the reply held no fenced Python code")
    assert tests.startswith("# Bundled example tests:")
    result = await run_tests(code=code, tests=tests)
    assert (result["verdict"], result["passed"]) == ("PASS", 5)


async def test_extract_code_checks_that_untested_code_imports() -> None:
    tests = await extract_code(text=f"```python\n{ADD}```", part="tests")
    assert tests.startswith("# The reply held code but no tests")
    assert (await run_tests(code=ADD, tests=tests))["passed"] == 1


async def test_deploy_artifact_versions_by_content_hash_and_writes_a_manifest(
    tmp_path: Path,
) -> None:
    digest = hashlib.sha256(ADD.encode()).hexdigest()
    result = await deploy_artifact(name="calc", code=ADD)
    path = tmp_path / "deployments" / "calc" / digest[:12] / "calc.py"
    assert result["status"] == "deployed"
    assert (result["version"], result["sha256"], result["path"]) == (digest[:12], digest, str(path))
    assert path.read_text() == ADD
    manifest = json.loads((tmp_path / "deployments" / "calc" / "manifest.json").read_text())
    assert (manifest["version"], manifest["sha256"], manifest["history"]) == (
        digest[:12],
        digest,
        [],
    )


async def test_deploy_artifact_changes_nothing_for_the_same_code() -> None:
    await deploy_artifact(name="calc", code=ADD)
    again = await deploy_artifact(name="calc", code=ADD)
    assert (again["status"], again["previous_version"]) == ("unchanged", None)


async def test_deploy_artifact_keeps_the_previous_versions(tmp_path: Path) -> None:
    first = await deploy_artifact(name="calc", code=ADD)
    second = await deploy_artifact(name="calc", code=WRONG_ADD, version="2.0")
    assert (second["version"], second["previous_version"]) == ("2.0", first["version"])
    manifest = json.loads((tmp_path / "deployments" / "calc" / "manifest.json").read_text())
    assert [entry["version"] for entry in manifest["history"]] == [first["version"]]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"name": "Calc-Service", "code": ADD}, "is not a module name"),
        ({"name": "calc", "code": "def add(:\n"}, "does not compile (line 1"),
        ({"name": "calc", "code": ADD, "version": "../up"}, "is not usable"),
    ],
)
async def test_deploy_artifact_refuses_what_it_cannot_deploy(
    arguments: dict[str, str], message: str
) -> None:
    result = await deploy_artifact.run(arguments)
    assert result.is_error
    assert message in result.content


async def test_deploy_artifact_refuses_to_reuse_a_version_for_other_code() -> None:
    await deploy_artifact(name="calc", code=ADD, version="1.0")
    await deploy_artifact(name="calc", code=WRONG_ADD, version="1.1")
    result = await deploy_artifact.run({"name": "calc", "code": "x = 1\n", "version": "1.0"})
    assert result.is_error
    assert "give a new version" in result.content


async def test_check_deployment_imports_the_artefact_in_a_fresh_process() -> None:
    await deploy_artifact(name="calc", code=ADD + "\nclass Calculator:\n    pass\n")
    result = await check_deployment(name="calc")
    assert (result["status"], result["hash_matches"], result["imports"]) == ("HEALTHY", True, True)
    assert result["public_names"] == ["Calculator", "add"]


def edit_by_hand(path: str) -> None:
    with Path(path).open("a") as file:
        file.write("# edited by hand\n")


async def test_check_deployment_detects_a_changed_file() -> None:
    deployed = await deploy_artifact(name="calc", code=ADD)
    edit_by_hand(deployed["path"])
    result = await check_deployment(name="calc")
    assert (result["status"], result["hash_matches"], result["imports"]) == (
        "UNHEALTHY",
        False,
        None,
    )
    assert "differs from the manifest" in result["problems"][0]


async def test_check_deployment_reports_an_import_failure() -> None:
    await deploy_artifact(name="broken", code="import module_that_is_not_there\n")
    result = await check_deployment(name="broken")
    assert (result["status"], result["imports"]) == ("UNHEALTHY", False)
    assert result["problems"] == [
        "import failed: ModuleNotFoundError: No module named 'module_that_is_not_there'"
    ]


async def test_check_deployment_asks_to_deploy_first() -> None:
    result = await check_deployment.run({"name": "nothing_here"})
    assert result.is_error
    assert "deploy it first with deploy_artifact" in result.content


def test_software_tools_are_idempotent_and_need_no_approval() -> None:
    tools = (run_tests, lint_python, extract_code, deploy_artifact, check_deployment)
    assert all(tool.idempotent and not tool.requires_approval for tool in tools)


async def test_a_relative_data_folder_still_deploys_and_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONCLAVE_DATA_DIR", "relative-data")
    await deploy_artifact(name="calc", code=ADD)
    status = await check_deployment(name="calc")
    assert status["status"] == "HEALTHY", status
    assert (tmp_path / "relative-data" / "deployments" / "calc").is_dir()
