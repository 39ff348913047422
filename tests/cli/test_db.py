"""``conclave db``: upgrade, downgrade and current, on the database the settings name."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conclave.cli.main import app

runner = CliRunner()


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A SQLite file named by DATABASE_URL (not created yet)."""
    path = tmp_path / "store.db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONCLAVE_DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    return path


def db(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["db", *args])
    return result.exit_code, result.output


def test_upgrade_migrates_the_database_url_to_the_newest_revision(database: Path) -> None:
    code, output = db("upgrade")
    assert code == 0
    assert output.strip() == f"sqlite+aiosqlite:///{database}: upgraded from base (empty) to 0003"


def test_current_reports_the_revision_and_that_it_is_the_newest(database: Path) -> None:
    db("upgrade")
    code, output = db("current")
    assert code == 0
    assert output.strip().endswith(": 0003 (up to date)")


def test_current_on_an_empty_database_names_the_newest_revision(database: Path) -> None:
    code, output = db("current")
    assert code == 0
    assert output.strip().endswith(": base (empty) (the newest is 0003)")


def test_a_second_upgrade_has_nothing_to_do(database: Path) -> None:
    db("upgrade")
    code, output = db("upgrade")
    assert code == 0
    assert "already at 0003; nothing to do" in output


def test_downgrade_to_base_empties_the_database(database: Path) -> None:
    db("upgrade")
    code, output = db("downgrade", "base")
    assert code == 0
    assert "downgraded from 0003 to base (empty)" in output
    assert db("current")[1].strip().endswith("base (empty) (the newest is 0003)")


def test_an_unknown_revision_is_one_line_and_exit_1(database: Path) -> None:
    code, output = db("downgrade", "nope")
    assert code == 1
    assert output.count("\n") == 1
    assert "error: cannot migrate to 'nope'" in output


def test_an_unreachable_database_is_one_line_and_exit_1(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://ana:secret@127.0.0.1:1/conclave")
    code, output = db("current")
    assert code == 1
    assert output.startswith("error: cannot use the database at postgresql+asyncpg://ana:***@")
    assert output.count("\n") == 1


def test_without_database_url_the_data_dir_holds_the_database(
    database: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.setenv("CONCLAVE_DATA_DIR", str(tmp_path / "data"))
    assert db("upgrade")[0] == 0
    assert (tmp_path / "data" / "conclave.db").is_file()
