from __future__ import annotations

from pathlib import Path

import pytest

from conclave import AgentSpec, SpecError, load_agent_specs

VALID = """
name: researcher
description: Finds sources
instructions: Cite everything.
personality: analytical
tools: [word_count]
expertise: [research]
budget: {per_run_usd: 0.5}
"""


def test_yaml_spec_loads_with_defaults() -> None:
    spec = AgentSpec.from_text(VALID)
    assert spec.name == "researcher"
    assert spec.tools == ("word_count",)
    assert spec.history_limit == 20
    assert spec.max_tool_rounds == 8
    assert spec.max_output_tokens == 1024
    assert spec.budget is not None and spec.budget.per_run_usd == 0.5


def test_json_spec_loads() -> None:
    spec = AgentSpec.from_text('{"name": "j", "model": "openai:gpt-4o-mini"}')
    assert spec.model == "openai:gpt-4o-mini"


def test_unknown_field_is_named_with_a_fix() -> None:
    with pytest.raises(SpecError, match="instructons: unknown field; check its spelling"):
        AgentSpec.from_text("name: a\ninstructons: typo\n", source="a.yaml")


def test_bad_name_says_which_characters_are_allowed() -> None:
    with pytest.raises(SpecError, match="name: use lower-case letters"):
        AgentSpec.from_text("name: Bad Name\n")


def test_out_of_range_value_names_the_field() -> None:
    with pytest.raises(SpecError, match="history_limit"):
        AgentSpec.from_text("name: a\nhistory_limit: -1\n")


def test_yaml_syntax_error_gives_the_line() -> None:
    with pytest.raises(SpecError, match=r"a\.yaml: not valid YAML at line \d+, column \d+"):
        AgentSpec.from_text("name: a\ntools: [unclosed\n", source="a.yaml")


def test_a_spec_must_be_a_mapping() -> None:
    with pytest.raises(SpecError, match="must be a mapping"):
        AgentSpec.from_text("- just\n- a list\n")


def test_directory_loading_reads_yaml_and_json_and_rejects_duplicates(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: alpha\n")
    (tmp_path / "b.json").write_text('{"name": "beta"}')
    (tmp_path / "notes.txt").write_text("ignored")
    assert sorted(load_agent_specs(tmp_path)) == ["alpha", "beta"]
    (tmp_path / "c.yml").write_text("name: alpha\n")
    with pytest.raises(SpecError, match="defined twice"):
        load_agent_specs(tmp_path)


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="does not exist"):
        load_agent_specs(tmp_path / "nope")
