from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conclave.cli.approver import TerminalApprover
from conclave.cli.main import app
from conclave.engine.approvals import ApprovalRequest

runner = CliRunner()

DUO = """
name: duo
description: An analyst and a writer take turns
kind: round_robin
participants: [analyst, writer]
termination: {max_turns: 2}
"""

GATED = """
name: gated
kind: graph
steps:
  - {id: draft, agent: writer}
  - {id: sign-off, approval: {prompt: "Publish the draft?"}, depends_on: [draft]}
  - {id: publish, tool: word_count, arguments: {text: "{steps.draft}"}, depends_on: [sign-off]}
"""


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    (tmp_path / "duo.yaml").write_text(DUO)
    (tmp_path / "gated.yaml").write_text(GATED)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["run", *args])
    return result.exit_code, result.output


def test_run_streams_each_turn_of_a_round_robin_team_and_the_result(specs: Path) -> None:
    code, output = run("duo", "Should a bakery open on Sundays?", "--specs", str(specs))
    assert code == 0, output
    assert "round_robin team duo: analyst, writer" in output
    assert output.index("[duo/analyst]") < output.index("[duo/writer]")
    assert "Findings on" in output
    result = output.split("── result (reached 2 turns) ──")[1]
    assert "Summary on" in result


def test_run_with_an_agent_name_runs_that_agent_once(specs: Path) -> None:
    code, output = run("writer", "a tagline for a bakery", "--specs", str(specs))
    assert code == 0, output
    assert "agent writer on offline:default" in output
    assert "── result (finished) ──" in output


def test_run_with_an_unknown_name_suggests_a_team_and_exits_1(specs: Path) -> None:
    code, output = run("dou", "anything", "--specs", str(specs))
    assert code == 1
    assert "unknown team or agent 'dou'; did you mean 'duo'?" in output


def test_run_overrides_every_agent_model_with_model(specs: Path) -> None:
    (specs / "analyst.yaml").write_text("name: analyst\nmodel: openai:gpt-4o-mini\n")
    code, output = run("duo", "costs", "--specs", str(specs), "--model", "offline")
    assert code == 0, output
    assert "── result" in output


def test_run_shows_usage_when_asked(specs: Path) -> None:
    code, output = run("writer", "a tagline", "--specs", str(specs), "--usage")
    assert code == 0, output
    assert "tokens, $0.0000]" in output


def test_an_approval_without_a_terminal_is_denied_and_the_run_fails(specs: Path) -> None:
    code, output = run("gated", "announce the launch", "--specs", str(specs))
    assert code == 1
    assert "? approval" in output and "Publish the draft?" in output
    assert "approval denied by system: nobody was there to approve 'sign-off'" in output
    assert "--auto-approve" in output
    assert "── run failed ──" in output
    assert "step publish" not in output


def test_auto_approve_grants_the_approval_and_the_run_finishes(specs: Path) -> None:
    code, output = run("gated", "announce the launch", "--specs", str(specs), "--auto-approve")
    assert code == 0, output
    assert "approval granted by auto-approve" in output
    assert "▶ step publish" in output
    assert "── result" in output


def request() -> ApprovalRequest:
    return ApprovalRequest(
        approval_id="a1", run_id="r1", step="trade", prompt="Buy?", details={"qty": 3}
    )


async def test_terminal_approver_shows_the_request_and_grants_on_yes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return "y"

    decision = await TerminalApprover(interactive=True, ask=ask).decide(request())
    assert decision.granted
    assert decision.by == "terminal"
    assert asked == ["  approve? [y/N] "]
    shown = capsys.readouterr().out
    assert "Buy? (step trade)" in shown
    assert "qty: 3" in shown


@pytest.mark.parametrize("answer", ["", "n", "no", "maybe"])
async def test_terminal_approver_denies_unless_the_answer_is_yes(answer: str) -> None:
    approver = TerminalApprover(interactive=True, ask=lambda _: answer)
    decision = await approver.decide(request())
    assert not decision.granted


async def test_terminal_approver_denies_when_input_ends() -> None:
    def ask(prompt: str) -> str:
        raise EOFError

    decision = await TerminalApprover(interactive=True, ask=ask).decide(request())
    assert not decision.granted


async def test_terminal_approver_without_a_terminal_denies_saying_how_to_decide() -> None:
    decision = await TerminalApprover(interactive=False).decide(request())
    assert not decision.granted
    assert "nobody was there to approve 'trade'" in decision.comment
    assert "--auto-approve" in decision.comment


async def test_terminal_approver_with_auto_approve_grants_without_asking() -> None:
    def ask(prompt: str) -> str:
        raise AssertionError("auto-approve must not ask")

    approver = TerminalApprover(auto_approve=True, interactive=True, ask=ask)
    decision = await approver.decide(request())
    assert decision.granted
    assert decision.by == "auto-approve"
