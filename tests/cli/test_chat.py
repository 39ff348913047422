from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from conclave import __version__
from conclave.cli.main import app

runner = CliRunner()


def _conclave(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conclave", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_piped_chat_answers_each_line_on_the_offline_model() -> None:
    result = _conclave("chat", stdin="hello\nwhat is 12 * 7?\n")
    assert result.returncode == 0, result.stderr
    assert "offline model" in result.stdout
    assert "calculator" in result.stdout
    assert "84" in result.stdout


def test_chat_shows_tool_calls_and_results() -> None:
    result = runner.invoke(app, ["chat", "--agent", "assistant"], input="convert 10 km to miles\n")
    assert result.exit_code == 0, result.output
    assert "→ convert_units(" in result.output
    assert "← 6.213712" in result.output


def test_chat_with_an_unknown_agent_suggests_one() -> None:
    result = runner.invoke(app, ["chat", "--agent", "asistant"], input="hi\n")
    assert result.exit_code == 1
    assert "did you mean 'assistant'?" in result.output


def test_chat_with_a_bad_model_string_says_how_to_write_it() -> None:
    result = runner.invoke(app, ["chat", "--model", "gpt-4o"], input="hi\n")
    assert result.exit_code == 1
    assert "provider:model" in result.output


def test_chat_uses_specs_from_a_folder(tmp_path: Path) -> None:
    (tmp_path / "pirate.yaml").write_text(
        "name: pirate\ndescription: talks like a pirate\ninstructions: Say arr.\n"
    )
    result = runner.invoke(
        app, ["chat", "--agent", "pirate", "--specs", str(tmp_path)], input="hi\n"
    )
    assert result.exit_code == 0, result.output
    assert "offline model" in result.output


def test_agents_list_shows_the_demo_agents() -> None:
    result = runner.invoke(app, ["agents", "list"])
    assert result.exit_code == 0
    for name in ("assistant", "analyst", "advisor", "writer", "support"):
        assert name in result.output


def test_agents_show_prints_the_spec_and_system_prompt() -> None:
    result = runner.invoke(app, ["agents", "show", "advisor"])
    assert result.exit_code == 0
    assert "name: advisor" in result.output
    assert "# model: offline:default" in result.output
    assert "#   You are advisor" in result.output


def test_version_is_printed() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"conclave {__version__}"
