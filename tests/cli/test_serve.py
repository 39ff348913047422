"""``conclave serve``: its options, and that it hands the application to uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from conclave.cli.main import app

runner = CliRunner()


def test_serve_help_names_host_and_port() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output
    assert "--port" in result.output


def test_serve_runs_the_api_where_asked_and_says_where(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[dict[str, Any]] = []
    # Stands in for the server loop, which would block the test.
    monkeypatch.setattr(
        uvicorn, "run", lambda app, **options: calls.append({"app": app, **options})
    )
    monkeypatch.setenv("CONCLAVE_DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9123"])
    assert result.exit_code == 0, result.output
    assert "http://0.0.0.0:9123" in result.output
    assert "/docs" in result.output
    assert isinstance(calls[0]["app"], FastAPI)
    assert (calls[0]["host"], calls[0]["port"]) == ("0.0.0.0", 9123)


def test_serve_refuses_a_port_out_of_range() -> None:
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code != 0
