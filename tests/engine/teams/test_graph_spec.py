from __future__ import annotations

from typing import Any

import pytest

from conclave.engine.teams._graph_plan import Template
from conclave.engine.teams.graph import GraphSpec
from conclave.errors import SpecError


def _spec(*steps: dict[str, Any], **fields: Any) -> GraphSpec:
    return GraphSpec.from_data({"steps": list(steps), **fields})


def _error(*steps: dict[str, Any]) -> str:
    with pytest.raises(SpecError) as caught:
        _spec(*steps)
    return str(caught.value)


def test_a_full_step_reads_every_field() -> None:
    spec = GraphSpec.from_data(
        {
            "max_parallel": 2,
            "steps": [
                {"id": "signal", "agent": "analyst", "prompt": "Trade {task}?"},
                {
                    "id": "trade",
                    "tool": "place_order",
                    "arguments": {"side": "{steps.signal}", "qty": 10},
                    "depends_on": "signal",
                    "when": {"step": "signal", "contains": "BUY"},
                    "timeout_s": 30,
                    "on_failure": "retry",
                    "retries": 1,
                    "success": {"contains": "filled", "min_length": 1},
                },
                {
                    "id": "gate",
                    "approval": {"prompt": "Confirm {steps.trade}?"},
                    "depends_on": ["trade"],
                    "on_failure": "skip",
                },
            ],
        }
    )
    assert spec.max_parallel == 2
    trade = spec.steps[1]
    assert trade.kind == "tool"
    assert trade.depends_on == ("signal",)
    assert trade.success is not None and trade.success.contains == ("filled",)
    assert [step.kind for step in spec.plan] == ["agent", "tool", "approval"]


def test_a_list_of_steps_alone_is_a_workflow() -> None:
    spec = GraphSpec.from_data([{"id": "a", "agent": "x"}])
    assert [step.id for step in spec.steps] == ["a"]


def test_a_cycle_is_an_error_naming_its_steps() -> None:
    message = _error(
        {"id": "a", "agent": "x", "depends_on": ["c"]},
        {"id": "b", "agent": "x", "depends_on": ["a"]},
        {"id": "c", "agent": "x", "depends_on": ["b"]},
    )
    assert message.startswith("workflow: steps.0.depends_on: the dependencies form a cycle")
    assert "a -> b -> c -> a" in message


def test_a_step_that_depends_on_itself_is_a_cycle() -> None:
    assert "a -> a" in _error({"id": "a", "agent": "x", "depends_on": ["a"]})


def test_an_unknown_dependency_suggests_the_closest_step() -> None:
    message = _error(
        {"id": "signal", "agent": "x"}, {"id": "trade", "agent": "x", "depends_on": ["sigal"]}
    )
    assert "steps.1.depends_on: step 'trade' depends on unknown step 'sigal'" in message
    assert "did you mean 'signal'?" in message


def test_a_duplicate_id_is_an_error() -> None:
    message = _error({"id": "a", "agent": "x"}, {"id": "a", "tool": "t"})
    assert "steps.1.id: step id 'a' is already used by steps.0" in message


def test_two_kinds_in_one_step_is_an_error_with_its_path() -> None:
    message = _error({"id": "a", "agent": "x", "tool": "t"})
    assert "steps.0: step 'a' needs exactly one of agent, tool or approval" in message
    assert "it has agent and tool" in message


def test_a_step_of_no_kind_is_an_error() -> None:
    assert "it has none of them" in _error({"id": "a"})


def test_a_bad_condition_key_is_an_error_with_its_path() -> None:
    message = _error(
        {"id": "a", "agent": "x"},
        {"id": "b", "agent": "x", "depends_on": ["a"], "when": {"step": "a", "contain": "X"}},
    )
    assert "workflow: steps.1.when.contain: unknown condition key" in message


def test_a_condition_on_a_step_it_does_not_depend_on_is_an_error() -> None:
    message = _error(
        {"id": "a", "agent": "x"}, {"id": "b", "agent": "x", "when": {"step": "a", "equals": "Y"}}
    )
    assert "steps.1.when.step: 'b' does not depend on 'a'" in message
    assert "add 'a' to depends_on" in message


def test_a_condition_on_an_unknown_step_is_an_error() -> None:
    message = _error({"id": "a", "agent": "x", "when": {"step": "zz", "equals": "Y"}})
    assert "steps.0.when.step: unknown step 'zz'" in message


def test_an_unknown_field_is_an_error_with_its_path() -> None:
    assert "steps.0.depend_on: unknown field" in _error({"id": "a", "agent": "x", "depend_on": []})


def test_a_step_id_must_be_lower_case() -> None:
    assert "steps.0.id: use lower-case letters" in _error({"id": "Research", "agent": "x"})


def test_repeat_from_must_be_a_step_it_depends_on() -> None:
    message = _error(
        {"id": "a", "agent": "x"},
        {"id": "b", "agent": "x", "repeat": {"from": "a", "while": {"step": "b", "equals": "N"}}},
    )
    assert "steps.1.repeat.from: 'a' is not a step that 'b' depends on" in message


def test_repeat_while_may_read_only_the_loop_and_what_it_depends_on() -> None:
    message = _error(
        {"id": "a", "agent": "x"},
        {"id": "c", "agent": "x"},
        {
            "id": "b",
            "agent": "x",
            "depends_on": ["a"],
            "repeat": {"from": "a", "while": {"step": "c", "equals": "N"}},
        },
    )
    assert "steps.2.repeat.while.step: 'b' does not depend on 'c'" in message


def test_a_template_naming_an_unknown_step_is_an_error() -> None:
    message = _error({"id": "a", "agent": "x", "prompt": "Use {steps.reserch}"})
    assert "steps.0.prompt: '{steps.reserch}' names an unknown step" in message


def test_a_template_in_tool_arguments_is_checked_with_its_path() -> None:
    message = _error({"id": "a", "tool": "t", "arguments": {"code": {"main": "{steps.b}"}}})
    assert "steps.0.arguments.code.main: '{steps.b}' names an unknown step" in message


def test_an_escalation_needs_a_timeout() -> None:
    message = _error({"id": "a", "agent": "x", "escalation": {"action": "ask_approver"}})
    assert "an escalation needs timeout_s" in message


def test_retry_on_needs_an_agent() -> None:
    message = _error(
        {"id": "a", "agent": "x", "timeout_s": 1, "escalation": {"action": "retry_on"}}
    )
    assert "steps.0.escalation: retry_on needs the agent to retry on" in message


def test_an_approval_gate_cannot_retry() -> None:
    message = _error({"id": "a", "approval": {"prompt": "ok?"}, "on_failure": "retry"})
    assert "an approval gate cannot retry" in message


def test_a_bad_success_pattern_is_an_error_at_load() -> None:
    message = _error({"id": "a", "agent": "x", "success": {"matches": "(["}})
    assert "steps.0.success.matches: invalid regular expression" in message


def test_arguments_belong_to_tool_steps() -> None:
    assert "arguments are for tool steps only" in _error(
        {"id": "a", "agent": "x", "arguments": {"k": 1}}
    )


def test_the_source_names_the_file() -> None:
    with pytest.raises(SpecError, match=r"^teams/desk\.yaml: steps\.0"):
        GraphSpec.from_data({"steps": [{"id": "a"}]}, source="teams/desk.yaml")


def test_a_workflow_needs_steps() -> None:
    with pytest.raises(SpecError, match="steps"):
        GraphSpec.from_data({"steps": []})


def test_a_loop_body_runs_from_its_start_to_its_end() -> None:
    spec = _spec(
        {"id": "plan", "agent": "x"},
        {"id": "code", "agent": "x", "depends_on": ["plan"]},
        {"id": "lint", "agent": "x", "depends_on": ["code"]},
        {"id": "test", "agent": "x", "depends_on": ["code"]},
        {
            "id": "check",
            "agent": "x",
            "depends_on": ["lint", "test"],
            "repeat": {"from": "code", "while": {"step": "check", "contains": "FAIL"}},
        },
    )
    loop = spec.plan[4].loop
    assert loop is not None
    assert loop.body == {"code", "lint", "test", "check"}
    assert loop.max == 3


def test_a_step_outside_a_loop_waits_for_the_loop_to_end() -> None:
    spec = _spec(
        {"id": "code", "agent": "x"},
        {"id": "docs", "agent": "x", "depends_on": ["code"]},
        {"id": "check", "agent": "x", "depends_on": ["code"]},
        {
            "id": "gate",
            "agent": "x",
            "depends_on": ["check"],
            "repeat": {"from": "code", "while": {"step": "gate", "contains": "FAIL"}},
        },
    )
    docs = spec.plan[1]
    assert docs.needs == ("code",)
    assert docs.waits_for == ("code", "gate")
    assert "docs" in spec.plan[3].dependents


def test_loops_that_wait_on_each_other_are_an_error() -> None:
    message = _error(
        {"id": "a", "agent": "x"},
        {"id": "c", "agent": "x"},
        {"id": "s1", "agent": "x", "depends_on": ["a"]},
        {"id": "s2", "agent": "x", "depends_on": ["c"]},
        {
            "id": "x1",
            "agent": "x",
            "depends_on": ["a", "s2"],
            "repeat": {"from": "a", "while": {"step": "x1", "equals": "again"}},
        },
        {
            "id": "x2",
            "agent": "x",
            "depends_on": ["c", "s1"],
            "repeat": {"from": "c", "while": {"step": "x2", "equals": "again"}},
        },
    )
    assert "loops wait on each other form a cycle" in message


def test_the_default_prompt_is_the_task_and_the_outputs_it_depends_on() -> None:
    spec = _spec(
        {"id": "a", "agent": "x"},
        {"id": "b", "agent": "x"},
        {"id": "c", "agent": "x", "depends_on": ["a", "b"]},
    )
    prompt = spec.plan[2].prompt
    assert prompt is not None
    rendered = prompt.render("the task", {"a": "A", "b": "B"})
    assert rendered == "the task\n\nOutput of step 'a':\nA\n\nOutput of step 'b':\nB"


def test_a_template_fills_task_steps_and_context_and_leaves_other_braces() -> None:
    template = Template.parse(
        'Do {task} with {steps.a} and {context.researcher.pick}; keep {"json": 1} {other}',
        where="prompt",
        steps={"a"},
    )
    assert template.context_refs == (("researcher", "pick"),)
    text = template.render("X", {"a": "A"}, {("researcher", "pick"): "P"})
    assert text == 'Do X with A and P; keep {"json": 1} {other}'


def test_a_step_that_has_not_run_fills_its_placeholder_with_nothing() -> None:
    template = Template.parse("[{steps.a}]", where="prompt", steps={"a"})
    assert template.render("task", {}) == "[]"


def test_tool_arguments_are_templated_at_any_depth() -> None:
    spec = _spec(
        {"id": "a", "agent": "x"},
        {
            "id": "t",
            "tool": "t",
            "depends_on": ["a"],
            "arguments": {"code": "{steps.a}", "opts": {"list": ["{task}", 3]}, "n": 2},
        },
    )
    arguments = spec.plan[1].arguments
    assert arguments is not None
    assert arguments.render("T", {"a": "A"}) == {"code": "A", "opts": {"list": ["T", 3]}, "n": 2}
