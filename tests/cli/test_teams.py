from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conclave.cli.main import app

runner = CliRunner()


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    (tmp_path / "duo.yaml").write_text(
        "name: duo\ndescription: An analyst and a writer take turns\nkind: round_robin\n"
        "participants: [analyst, writer]\ntermination: {max_turns: 4, text: DONE}\n"
    )
    (tmp_path / "board.yaml").write_text(
        "name: board\ndescription: The duo, then the advisor\nkind: round_robin\n"
        "participants: [duo, advisor]\n"
    )
    (tmp_path / "flow.yaml").write_text(
        "name: flow\ndescription: Draft then count\nkind: graph\nsteps:\n"
        "  - {id: draft, agent: writer}\n"
        "  - {id: count, tool: word_count, arguments: {text: '{steps.draft}'}, "
        "depends_on: [draft]}\n"
    )
    return tmp_path


def teams(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["teams", *args])
    return result.exit_code, result.output


def line_of(output: str, name: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(name + " "))


def test_teams_list_shows_kind_size_and_description(specs: Path) -> None:
    code, output = teams("list", "--specs", str(specs))
    assert code == 0, output
    duo = line_of(output, "duo")
    assert "round_robin" in duo and "2 participants" in duo
    assert "An analyst and a writer take turns" in duo
    flow = line_of(output, "flow")
    assert "graph" in flow and "2 steps" in flow


def test_teams_show_prints_the_spec_as_yaml(specs: Path) -> None:
    code, output = teams("show", "duo", "--specs", str(specs))
    assert code == 0, output
    assert "name: duo\n" in output
    assert "kind: round_robin\n" in output
    assert "termination:\n  max_turns: 4\n  text: DONE" in output


def test_teams_show_lists_members_with_their_models_and_nests_teams(specs: Path) -> None:
    code, output = teams("show", "board", "--specs", str(specs))
    assert code == 0, output
    members = output.split("# members:")[1].splitlines()[1:]
    assert [line.split()[:2] for line in members] == [
        ["#", "duo"],
        ["#", "analyst"],
        ["#", "writer"],
        ["#", "advisor"],
    ]
    assert "duo  round_robin team" in members[0]
    assert "analyst  agent on offline:default" in members[1]
    assert members[1].index("analyst") > members[0].index("duo")


def test_teams_show_names_the_agents_of_graph_steps(specs: Path) -> None:
    code, output = teams("show", "flow", "--specs", str(specs))
    assert code == 0, output
    assert "writer  agent on offline:default" in output
    assert "- id: draft" in output


def test_teams_show_reports_the_model_override(specs: Path) -> None:
    code, output = teams("show", "duo", "--specs", str(specs), "--model", "ollama:llama3")
    assert code == 0, output
    assert "analyst  agent on ollama:llama3" in output


def test_teams_show_of_an_unknown_team_suggests_one(specs: Path) -> None:
    code, output = teams("show", "dou", "--specs", str(specs))
    assert code == 1
    assert "unknown team 'dou'; did you mean 'duo'?" in output


def test_teams_show_reports_a_cycle(specs: Path) -> None:
    (specs / "loop.yaml").write_text("name: loop\nkind: round_robin\nparticipants: [loop]\n")
    code, output = teams("show", "loop", "--specs", str(specs))
    assert code == 1
    assert "team loop → loop is a cycle" in output


def test_teams_list_reports_a_bad_spec_file_and_exits_1(specs: Path) -> None:
    (specs / "bad.yaml").write_text("name: bad\nkind: swarm\n")
    code, output = teams("list", "--specs", str(specs))
    assert code == 1
    assert "bad.yaml: participants: a swarm team needs at least one participant" in output
