"""The layers are the import rule: the engine loads no I/O framework."""

from __future__ import annotations

import subprocess
import sys

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
