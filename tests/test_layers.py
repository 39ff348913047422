"""The layers are the import rule: the engine loads no I/O framework."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
ENGINE_FILE = "src/conclave/engine/example.py"
ADAPTER_FILE = "src/conclave/adapters/example.py"
BANNED = ("fastapi", "starlette", "sqlalchemy", "aio_pika", "redis", "typer", "alembic", "asyncpg")


def test_engine_imports_no_io_framework_in_a_fresh_interpreter() -> None:
    code = (
        "import sys, conclave.engine.agents, conclave.engine.factory, conclave.engine.runstate; "
        f"print([m for m in {BANNED!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_package_imports_no_io_framework() -> None:
    code = f"import sys, conclave; print([m for m in {BANNED!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_ruff_refuses_an_io_framework_import_inside_the_engine() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    source = "import sqlalchemy\nfrom fastapi import FastAPI\n"
    out = subprocess.run(
        [str(ruff), "check", "--select", "TID251", "--stdin-filename", ENGINE_FILE, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 1
    assert out.stdout.count("TID251") == 2


def test_ruff_allows_those_imports_in_the_adapters() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    out = subprocess.run(
        [str(ruff), "check", "--select", "TID251", "--stdin-filename", ADAPTER_FILE, "-"],
        input="import sqlalchemy\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout
